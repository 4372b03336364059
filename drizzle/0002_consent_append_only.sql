-- Consent records are evidence: the database itself refuses to change or remove one.
CREATE TRIGGER `consent_records_no_update` BEFORE UPDATE ON `consent_records`
BEGIN
	SELECT RAISE(ABORT, 'consent records are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `consent_records_no_delete` BEFORE DELETE ON `consent_records`
BEGIN
	SELECT RAISE(ABORT, 'consent records are append-only');
END;
