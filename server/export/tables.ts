// Which rows make up one trainer's practice, and how a row travels through JSON: timestamps as
// ISO strings, binary columns as base64, JSON columns as themselves. Column kinds are read from the
// SQLite declarations, which name every column the same on both databases.
import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as declared from '../db/sqlite-schema.ts';

/** The tables a practice export holds, in an order in which each row's references come first. */
export const PRACTICE_TABLES = {
	users: declared.users,
	clients: declared.clients,
	documents: declared.documents,
	practiceSettings: declared.practiceSettings,
	calendarFeeds: declared.calendarFeeds,
	languageRules: declared.languageRules,
	invitations: declared.invitations,
	consentRecords: declared.consentRecords,
	shareLinks: declared.shareLinks,
	sentVersions: declared.sentVersions,
	shareReplies: declared.shareReplies,
	auditLog: declared.auditLog,
	practiceEvents: declared.practiceEvents,
	eventInvitations: declared.eventInvitations,
	clientVisits: declared.clientVisits,
	outcomePrompts: declared.outcomePrompts
} as const satisfies Record<string, SQLiteTable>;

export type PracticeTable = keyof typeof PRACTICE_TABLES;

/** Each table's file in the archive, records/<name>.json and .csv. */
export const FILE_OF: Record<PracticeTable, string> = {
	users: 'accounts',
	clients: 'clients',
	documents: 'documents',
	practiceSettings: 'practice-settings',
	calendarFeeds: 'calendar-feeds',
	languageRules: 'language-rules',
	invitations: 'invitations',
	consentRecords: 'consent-records',
	shareLinks: 'share-links',
	sentVersions: 'sent-versions',
	shareReplies: 'provider-messages',
	auditLog: 'audit-trail',
	practiceEvents: 'events',
	eventInvitations: 'event-invitations',
	clientVisits: 'client-visits',
	outcomePrompts: 'outcome-suggestions'
};

/** Tables added after the export's version was fixed: an archive made before has no file for them, read as empty. */
export const LATER_TABLES: ReadonlySet<PracticeTable> = new Set(['practiceEvents', 'eventInvitations', 'clientVisits', 'shareReplies', 'outcomePrompts']);
export type Row = Record<string, unknown>;

function kindOf(table: SQLiteTable, key: string): 'date' | 'binary' | 'other' {
	const column = getTableColumns(table)[key];
	if (!column) return 'other';
	if (column.columnType === 'SQLiteTimestamp') return 'date';
	if (column.columnType === 'SQLiteBlobBuffer' || column.columnType === 'SQLiteBlobJson' || column.columnType === 'SQLiteBigInt') return 'binary';
	return 'other';
}

export function toPlain(row: Row): Row {
	const plain: Row = {};
	for (const [key, value] of Object.entries(row)) {
		if (value instanceof Date) plain[key] = value.toISOString();
		else if (value instanceof Uint8Array) plain[key] = Buffer.from(value).toString('base64');
		else plain[key] = value;
	}
	return plain;
}

/** The row as the database takes it; a column this build does not know is refused, not dropped. */
export function fromPlain(table: SQLiteTable, plain: Row, where: string): Row {
	const columns = getTableColumns(table);
	const row: Row = {};
	for (const [key, value] of Object.entries(plain)) {
		if (!(key in columns)) throw new ImportError(`${where} has a field "${key}" this version of Bridgework does not know.`);
		const kind = kindOf(table, key);
		if (value === null || value === undefined) row[key] = null;
		else if (kind === 'date') {
			const date = new Date(String(value));
			if (Number.isNaN(date.getTime())) throw new ImportError(`${where}: "${key}" is not a date.`);
			row[key] = date;
		} else if (kind === 'binary') row[key] = Buffer.from(String(value), 'base64');
		else row[key] = value;
	}
	return row;
}

export class ImportError extends Error {}
