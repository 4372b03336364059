CREATE TABLE `outcome_prompts` (
	`id` text PRIMARY KEY NOT NULL,
	`trainer_id` text NOT NULL,
	`client_id` text NOT NULL,
	`improvement_key` text NOT NULL,
	`decision` text NOT NULL,
	`document_id` text,
	`decided_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_prompts_client_key_idx` ON `outcome_prompts` (`client_id`,`improvement_key`);--> statement-breakpoint
CREATE INDEX `outcome_prompts_trainer_idx` ON `outcome_prompts` (`trainer_id`);