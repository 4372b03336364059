CREATE TABLE "share_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"link_id" text NOT NULL,
	"document_id" text NOT NULL,
	"trainer_id" text NOT NULL,
	"client_id" text,
	"author" text NOT NULL,
	"kind" text NOT NULL,
	"author_name" text,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "share_replies" ADD CONSTRAINT "share_replies_link_id_share_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."share_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_replies" ADD CONSTRAINT "share_replies_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_replies" ADD CONSTRAINT "share_replies_trainer_id_users_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_replies" ADD CONSTRAINT "share_replies_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "share_replies_link_idx" ON "share_replies" USING btree ("link_id","created_at");--> statement-breakpoint
CREATE INDEX "share_replies_trainer_idx" ON "share_replies" USING btree ("trainer_id","created_at");