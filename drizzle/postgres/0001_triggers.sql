-- The same guarantees as SQLite's triggers (drizzle/0002, 0004, 0009, 0012), in PostgreSQL's terms.

-- Consent records, sent versions and the audit trail are evidence: the database refuses to rewrite them.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
	FOR EACH ROW EXECUTE FUNCTION refuse_change('consent records are append-only');
--> statement-breakpoint
CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
	FOR EACH ROW EXECUTE FUNCTION refuse_change('consent records are append-only');
--> statement-breakpoint
CREATE TRIGGER sent_versions_no_update BEFORE UPDATE ON sent_versions
	FOR EACH ROW EXECUTE FUNCTION refuse_change('sent versions are immutable');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF at, event, detail, ip_address, user_agent ON audit_log
	FOR EACH ROW EXECUTE FUNCTION refuse_change('the audit log is append-only');
--> statement-breakpoint

-- "This subject changed", for the access watcher of every instance (server/collab/access-feed.ts):
-- whichever code or process writes, the row is written in the same transaction.
CREATE FUNCTION record_access_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
	subject text := TG_ARGV[1];
BEGIN
	INSERT INTO access_changes (subject_kind, subject_id)
	VALUES (TG_ARGV[0], to_jsonb(changed) ->> subject);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER access_changes_sessions AFTER UPDATE OR DELETE ON sessions
	FOR EACH ROW EXECUTE FUNCTION record_access_change('session', 'id');
--> statement-breakpoint
CREATE TRIGGER access_changes_users AFTER UPDATE OR DELETE ON users
	FOR EACH ROW EXECUTE FUNCTION record_access_change('user', 'id');
--> statement-breakpoint
CREATE TRIGGER access_changes_clients AFTER UPDATE OR DELETE ON clients
	FOR EACH ROW EXECUTE FUNCTION record_access_change('client', 'id');
--> statement-breakpoint
CREATE TRIGGER access_changes_documents AFTER UPDATE OR DELETE ON documents
	FOR EACH ROW EXECUTE FUNCTION record_access_change('document', 'id');
--> statement-breakpoint
CREATE TRIGGER access_changes_consent_records AFTER INSERT ON consent_records
	FOR EACH ROW EXECUTE FUNCTION record_access_change('client', 'client_id');
--> statement-breakpoint
CREATE TRIGGER access_changes_share_links AFTER INSERT OR UPDATE OR DELETE ON share_links
	FOR EACH ROW EXECUTE FUNCTION record_access_change('link', 'id');
