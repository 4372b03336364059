CREATE TABLE "client_visits" (
	"id" text PRIMARY KEY NOT NULL,
	"trainer_id" text NOT NULL,
	"client_id" text NOT NULL,
	"directory_provider_id" text NOT NULL,
	"provider_name" text NOT NULL,
	"date" text NOT NULL,
	"questions" text DEFAULT '' NOT NULL,
	"touchpoint_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"trainer_id" text NOT NULL,
	"directory_provider_id" text NOT NULL,
	"provider_name" text NOT NULL,
	"provider_email" text,
	"token_hash" text NOT NULL,
	"response" text,
	"response_note" text,
	"responded_at" timestamp (3) with time zone,
	"attended_touchpoint_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "practice_events" (
	"id" text PRIMARY KEY NOT NULL,
	"trainer_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"date" text NOT NULL,
	"start_time" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_visits" ADD CONSTRAINT "client_visits_trainer_id_users_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_visits" ADD CONSTRAINT "client_visits_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_event_id_practice_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."practice_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_trainer_id_users_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_events" ADD CONSTRAINT "practice_events_trainer_id_users_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_visits_client_idx" ON "client_visits" USING btree ("client_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "event_invitations_provider_idx" ON "event_invitations" USING btree ("event_id","directory_provider_id");--> statement-breakpoint
CREATE INDEX "practice_events_trainer_idx" ON "practice_events" USING btree ("trainer_id","date");