CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`event` text NOT NULL,
	`link_id` text,
	`client_id` text,
	`document_id` text,
	`detail` text,
	`ip_address` text,
	`user_agent` text,
	FOREIGN KEY (`link_id`) REFERENCES `share_links`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_client_idx` ON `audit_log` (`client_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_link_idx` ON `audit_log` (`link_id`);--> statement-breakpoint
CREATE TABLE `sent_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`title` text NOT NULL,
	`sent_at` integer NOT NULL,
	`sent_by` text,
	`sent_by_name` text NOT NULL,
	`note` text,
	`html` text NOT NULL,
	`state` blob NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `sent_versions_document_idx` ON `sent_versions` (`document_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `share_links` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`client_id` text NOT NULL,
	`created_by` text NOT NULL,
	`token_hash` text NOT NULL,
	`provider_name` text NOT NULL,
	`provider_role` text NOT NULL,
	`provider_practice` text DEFAULT '' NOT NULL,
	`provider_email` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer,
	`consent_record_id` text,
	`needs_client_approval` integer NOT NULL,
	`approved_at` integer,
	`revoked_at` integer,
	`revoked_reason` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`consent_record_id`) REFERENCES `consent_records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_links_token_hash_unique` ON `share_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `share_links_document_idx` ON `share_links` (`document_id`);--> statement-breakpoint
CREATE INDEX `share_links_client_idx` ON `share_links` (`client_id`);