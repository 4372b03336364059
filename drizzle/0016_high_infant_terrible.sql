ALTER TABLE `mail_preferences` ADD `daily_digest` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `outgoing_mail` ADD `headers` text;