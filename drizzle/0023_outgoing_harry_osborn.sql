CREATE TABLE `client_visits` (
	`id` text PRIMARY KEY NOT NULL,
	`trainer_id` text NOT NULL,
	`client_id` text NOT NULL,
	`directory_provider_id` text NOT NULL,
	`provider_name` text NOT NULL,
	`date` text NOT NULL,
	`questions` text DEFAULT '' NOT NULL,
	`touchpoint_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `client_visits_client_idx` ON `client_visits` (`client_id`,`date`);--> statement-breakpoint
CREATE TABLE `event_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`trainer_id` text NOT NULL,
	`directory_provider_id` text NOT NULL,
	`provider_name` text NOT NULL,
	`provider_email` text,
	`token_hash` text NOT NULL,
	`response` text,
	`response_note` text,
	`responded_at` integer,
	`attended_touchpoint_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `practice_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_invitations_token_hash_unique` ON `event_invitations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_invitations_provider_idx` ON `event_invitations` (`event_id`,`directory_provider_id`);--> statement-breakpoint
CREATE TABLE `practice_events` (
	`id` text PRIMARY KEY NOT NULL,
	`trainer_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `practice_events_trainer_idx` ON `practice_events` (`trainer_id`,`date`);