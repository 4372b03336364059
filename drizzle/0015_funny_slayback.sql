CREATE TABLE `mail_preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`first_view_notice` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
