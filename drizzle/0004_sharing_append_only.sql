-- What was sent to a provider, and the record of who viewed what, are evidence: never rewritten.
CREATE TRIGGER `sent_versions_no_update` BEFORE UPDATE ON `sent_versions`
BEGIN
	SELECT RAISE(ABORT, 'sent versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE OF `at`, `event`, `detail`, `ip_address`, `user_agent` ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
