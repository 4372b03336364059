import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core-schema.ts';

// A trainer's practice (provider directory, touchpoints, referrals) is one Y.Doc named
// "practice:<trainerId>". It is stored like a client document, in two layers, but keyed by the
// trainer: a practice is not a row of `documents` and belongs to no client.

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

/** The compacted Yjs state of a trainer's practice, rewritten when the collaboration server stores it. */
export const practiceStates = sqliteTable('practice_states', {
	trainerId: text('trainer_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	state: blob('state', { mode: 'buffer' }).notNull(),
	storedAt: integer('stored_at', { mode: 'timestamp_ms' }).notNull()
});

/** Updates appended before they are acknowledged, as document_updates does for documents. */
export const practiceUpdates = sqliteTable(
	'practice_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		update: blob('update', { mode: 'buffer' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('practice_updates_trainer_idx').on(t.trainerId, t.id)]
);

/**
 * The secret address of a trainer's follow-up calendar feed. A calendar app fetches it without a
 * session, so the token is the credential: only its SHA-256 is kept, and deleting the row revokes it.
 */
export const calendarFeeds = sqliteTable('calendar_feeds', {
	trainerId: text('trainer_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	createdAt: createdAt()
});

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
