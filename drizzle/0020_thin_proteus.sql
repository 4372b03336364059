CREATE TABLE `share_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`link_id` text NOT NULL,
	`document_id` text NOT NULL,
	`trainer_id` text NOT NULL,
	`client_id` text,
	`author` text NOT NULL,
	`kind` text NOT NULL,
	`author_name` text,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`link_id`) REFERENCES `share_links`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `share_replies_link_idx` ON `share_replies` (`link_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `share_replies_trainer_idx` ON `share_replies` (`trainer_id`,`created_at`);