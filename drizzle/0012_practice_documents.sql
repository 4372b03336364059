-- Migrations run with foreign keys off (server/db/client.ts): inside the migrator's transaction these
-- pragmas do nothing, and dropping a referenced table with them on would cascade.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`trainer_id` text NOT NULL,
	`client_id` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`private` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`archived_at` integer,
	`deleted_at` integer,
	`purged_at` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Every document now names its trainer. Letters and outreach materials belong to the practice, not to
-- the client they were created under: they move there with their content (document_states and
-- document_updates are keyed by the document id, which does not change). Share links keep their
-- client_id, so a link made under a client's consent stays bound to that consent.
INSERT INTO `__new_documents`("id", "trainer_id", "client_id", "kind", "title", "private", "created_at", "archived_at", "deleted_at", "purged_at", "updated_at")
SELECT d."id", c."trainer_id",
	CASE WHEN d."kind" IN ('intro_letter_physician', 'intro_letter_physical_therapist', 'intro_letter_chiropractor', 'follow_up_letter', 'referral_form', 'service_overview', 'phone_script', 'lunch_and_learn') THEN NULL ELSE d."client_id" END,
	d."kind", d."title", false, d."created_at", d."archived_at", d."deleted_at", d."purged_at", d."updated_at"
FROM `documents` d INNER JOIN `clients` c ON c."id" = d."client_id";--> statement-breakpoint
DROP TABLE `documents`;--> statement-breakpoint
ALTER TABLE `__new_documents` RENAME TO `documents`;--> statement-breakpoint
CREATE INDEX `documents_client_idx` ON `documents` (`client_id`);--> statement-breakpoint
CREATE INDEX `documents_trainer_idx` ON `documents` (`trainer_id`);--> statement-breakpoint
CREATE TABLE `__new_share_links` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`client_id` text,
	`created_by` text NOT NULL,
	`token_hash` text NOT NULL,
	`provider_name` text NOT NULL,
	`provider_role` text NOT NULL,
	`provider_practice` text DEFAULT '' NOT NULL,
	`provider_email` text,
	`directory_provider_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer,
	`consent_record_id` text,
	`needs_client_approval` integer NOT NULL,
	`approved_at` integer,
	`revoked_at` integer,
	`revoked_reason` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`consent_record_id`) REFERENCES `consent_records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_share_links`("id", "document_id", "client_id", "created_by", "token_hash", "provider_name", "provider_role", "provider_practice", "provider_email", "directory_provider_id", "created_at", "expires_at", "consent_record_id", "needs_client_approval", "approved_at", "revoked_at", "revoked_reason") SELECT "id", "document_id", "client_id", "created_by", "token_hash", "provider_name", "provider_role", "provider_practice", "provider_email", "directory_provider_id", "created_at", "expires_at", "consent_record_id", "needs_client_approval", "approved_at", "revoked_at", "revoked_reason" FROM `share_links`;--> statement-breakpoint
DROP TABLE `share_links`;--> statement-breakpoint
ALTER TABLE `__new_share_links` RENAME TO `share_links`;--> statement-breakpoint
CREATE UNIQUE INDEX `share_links_token_hash_unique` ON `share_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `share_links_document_idx` ON `share_links` (`document_id`);--> statement-breakpoint
CREATE INDEX `share_links_client_idx` ON `share_links` (`client_id`);--> statement-breakpoint
-- Rebuilding a table drops its triggers: the access-change triggers of drizzle/0009 come back as they were.
CREATE TRIGGER `access_changes_documents_update` AFTER UPDATE ON `documents`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('document', NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_documents_delete` AFTER DELETE ON `documents`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('document', OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_share_links_insert` AFTER INSERT ON `share_links`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('link', NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_share_links_update` AFTER UPDATE ON `share_links`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('link', NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_share_links_delete` AFTER DELETE ON `share_links`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('link', OLD.`id`);
END;
--> statement-breakpoint
PRAGMA foreign_keys=ON;
