ALTER TABLE `audit_log` ADD `count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `audit_log_address_idx` ON `audit_log` (`ip_address`,`at`);