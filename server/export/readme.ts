import type { ExportManifest } from './manifest.ts';

/** The README.txt inside every practice export: what each file is, for whoever opens the ZIP. */
export function exportReadme(manifest: ExportManifest): string {
	const count = (key: string) => manifest.counts[key] ?? 0;
	return `Bridgework practice export
==========================

Practice: ${manifest.practiceName ?? '(no name)'}
Exported: ${manifest.exportedAt}
Format: ${manifest.format}, version ${manifest.version}

This archive holds the whole practice: ${count('clients')} clients, ${count('documents')} documents,
${count('providers')} providers, ${count('touchpoints')} touchpoints, ${count('referrals')} referrals,
${count('consentRecords')} consent records and ${count('auditLog')} audit entries. It contains health
information about your clients: keep it as safely as the practice itself.

documents/<id>.pdf       Each document as a PDF, as the share page prints it (with its outcome
                         measures table for a progress report).
documents/<id>.html      Each document as a web page (open it in any browser).
documents/<id>.yjs       Each document's complete editing state (Yjs), from which Bridgework
                         restores it exactly, history of co-editing included.
records/measurements.csv Every outcome measurement: one row per value (blood pressure has two),
                         with the document and client it belongs to.
records/clients.*        Clients, with archived and deleted ones (archived_at, deleted_at,
                         purged_at say which).
records/documents.*      What each document is: title, kind, client, dates.
records/consent-records.*  Every consent a client signed, revoked or withdrew, with the exact
                         text they read (consentText) and when and how they signed.
records/audit-trail.*    Who viewed or downloaded what through a share link, and refused attempts.
records/share-links.*    Share links and the provider each was for (the links' secrets are
                         not in the archive; only their one-way hashes, in the JSON).
records/sent-versions.*  Versions of documents sent to providers (their HTML and state in the JSON).
records/provider-messages.*
                         Providers' answers under shared reports and the trainer's replies.
records/events.*, event-invitations.*
                         Events held for providers, whom each invited and their answers
                         (the answer links' secrets are not in the archive).
records/client-visits.*  Clients' appointments the trainer attended, with the questions for
                         the provider.
records/outcome-suggestions.*
                         Suggestions to report a client's improvement that the trainer
                         dismissed or drafted a report from.
records/invitations.*, calendar-feeds.*, language-rules.*, practice-settings.*
                         The rest of the practice's settings and records; practice-settings
                         holds the trainer's professional profile (outcomes statement,
                         specialties, conditions, credentials, continuing education).
records/accounts.*       The trainer's account and the accounts of clients who accepted an
                         invitation. Client accounts come without their passwords: after a
                         restore, clients set a new one with "Forgot password".
practice/providers.*, touchpoints.*, referrals.*
                         The referral directory and its history, readable.
practice/practice.yjs    The same directory as Bridgework stores it, for the restore.
manifest.json            What this archive holds, for the import.

Each list is there twice: .json (complete, for the import) and .csv (for spreadsheets; secrets
and binary states left out). Times are UTC (ISO 8601).

To restore the practice into a new, empty Bridgework:  npm run import-practice -- <this file>.zip
`;
}
