CREATE TABLE `practice_settings` (
	`trainer_id` text PRIMARY KEY NOT NULL,
	`report_interval_days` integer DEFAULT 28 NOT NULL,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `clients` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `clients` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `clients` ADD `purged_at` integer;--> statement-breakpoint
ALTER TABLE `documents` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `documents` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `documents` ADD `purged_at` integer;