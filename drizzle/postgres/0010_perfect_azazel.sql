ALTER TABLE "practice_settings" ADD COLUMN "outcomes_statement" text;--> statement-breakpoint
ALTER TABLE "practice_settings" ADD COLUMN "specialties" json;--> statement-breakpoint
ALTER TABLE "practice_settings" ADD COLUMN "conditions_served" json;--> statement-breakpoint
ALTER TABLE "practice_settings" ADD COLUMN "credentials" json;--> statement-breakpoint
ALTER TABLE "practice_settings" ADD COLUMN "continuing_education" json;--> statement-breakpoint
ALTER TABLE "practice_settings" ADD COLUMN "profile_revision" integer DEFAULT 0 NOT NULL;