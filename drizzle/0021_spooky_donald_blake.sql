ALTER TABLE `practice_settings` ADD `outcomes_statement` text;--> statement-breakpoint
ALTER TABLE `practice_settings` ADD `specialties` text;--> statement-breakpoint
ALTER TABLE `practice_settings` ADD `conditions_served` text;--> statement-breakpoint
ALTER TABLE `practice_settings` ADD `credentials` text;--> statement-breakpoint
ALTER TABLE `practice_settings` ADD `continuing_education` text;--> statement-breakpoint
ALTER TABLE `practice_settings` ADD `profile_revision` integer DEFAULT 0 NOT NULL;