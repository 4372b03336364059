import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const accessSubjectKinds = ['session', 'user', 'client', 'document', 'link'] as const;
export type AccessSubjectKind = (typeof accessSubjectKinds)[number];

/**
 * "Something access rests on changed": written by SQLite triggers on the tables decisions read
 * (drizzle/0009_access_change_triggers.sql), never by the app, so no write path can forget it.
 * The access watcher reads new rows and decides the open connections they name again; rows are
 * pruned after a minute. AUTOINCREMENT, so an id is never reused below a reader's cursor.
 */
export const accessChanges = sqliteTable('access_changes', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	subjectKind: text('subject_kind', { enum: accessSubjectKinds }).notNull(),
	subjectId: text('subject_id').notNull(),
	changedAt: integer('changed_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)
});

export type AccessChange = typeof accessChanges.$inferSelect;
