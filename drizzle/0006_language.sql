CREATE TABLE `language_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`trainer_id` text NOT NULL,
	`phrases` text NOT NULL,
	`category` text NOT NULL,
	`explanation` text DEFAULT '' NOT NULL,
	`suggestion` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `language_rules_trainer_idx` ON `language_rules` (`trainer_id`);