CREATE TABLE "outcome_prompts" (
	"id" text PRIMARY KEY NOT NULL,
	"trainer_id" text NOT NULL,
	"client_id" text NOT NULL,
	"improvement_key" text NOT NULL,
	"decision" text NOT NULL,
	"document_id" text,
	"decided_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outcome_prompts" ADD CONSTRAINT "outcome_prompts_trainer_id_users_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_prompts" ADD CONSTRAINT "outcome_prompts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_prompts" ADD CONSTRAINT "outcome_prompts_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_prompts_client_key_idx" ON "outcome_prompts" USING btree ("client_id","improvement_key");--> statement-breakpoint
CREATE INDEX "outcome_prompts_trainer_idx" ON "outcome_prompts" USING btree ("trainer_id");