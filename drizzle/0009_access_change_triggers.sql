-- Every change to a row that access decisions read is recorded as "this subject changed", so the
-- access watcher (server/collab/AccessExtension.ts) decides again the open connections resting on
-- it, whichever code (or process) wrote it. Inserts are recorded only where a new row can narrow
-- access already held: a new consent record (a re-signed, narrower consent) and a new share link.
-- Documents record every update, the compaction's updated_at too: cheap, and no later column
-- that matters to access can be forgotten here.
CREATE TRIGGER `access_changes_sessions_update` AFTER UPDATE ON `sessions`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('session', NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_sessions_delete` AFTER DELETE ON `sessions`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('session', OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_users_update` AFTER UPDATE ON `users`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('user', NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_users_delete` AFTER DELETE ON `users`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('user', OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_clients_update` AFTER UPDATE ON `clients`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('client', NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `access_changes_clients_delete` AFTER DELETE ON `clients`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('client', OLD.`id`);
END;
--> statement-breakpoint
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
CREATE TRIGGER `access_changes_consent_records_insert` AFTER INSERT ON `consent_records`
BEGIN
	INSERT INTO `access_changes` (`subject_kind`, `subject_id`) VALUES ('client', NEW.`client_id`);
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
