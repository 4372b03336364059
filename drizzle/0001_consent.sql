CREATE TABLE `consent_records` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`signed_by_user_id` text,
	`action` text NOT NULL,
	`information` text NOT NULL,
	`discloser` text NOT NULL,
	`recipients` text NOT NULL,
	`purpose` text NOT NULL,
	`expires_on` text NOT NULL,
	`expiry_event` text,
	`co_editing` integer NOT NULL,
	`signature_name` text NOT NULL,
	`signed_at` integer NOT NULL,
	`consent_version` text NOT NULL,
	`consent_text` text NOT NULL,
	`ip_address` text,
	`user_agent` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`signed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `consent_records_client_idx` ON `consent_records` (`client_id`,`signed_at`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` text,
	`revoked_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_client_idx` ON `invitations` (`client_id`);--> statement-breakpoint
ALTER TABLE `clients` ADD `user_id` text REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `clients_user_idx` ON `clients` (`user_id`);