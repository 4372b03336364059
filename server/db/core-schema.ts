import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documentKinds } from '../../src/lib/shared/practice/document-kinds.ts';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

/**
 * Archive and trash, for records a trainer removes (server/practice/removal.ts). Archived: hidden
 * from lists, kept, restorable. Deleted: in the trash, restorable for 30 days, then purged: the
 * content is erased and the row stays as a tombstone, because consent records and the audit trail
 * refer to it and are never deleted.
 */
const removal = () => ({
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
	deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
	purgedAt: integer('purged_at', { mode: 'timestamp_ms' })
});

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** Stored lower-cased so that sign-in does not depend on how the address was typed. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	role: text('role', { enum: ['trainer', 'client'] }).notNull(),
	practiceName: text('practice_name'),
	/** When the owner last proved they read mail at `email`; null until they follow a confirmation link. */
	emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
	/**
	 * Signed up while mail is configured and not yet confirmed: no password signs in until the
	 * mailed link is followed, so signing up tells nobody whether an address already had an account.
	 */
	activationPending: integer('activation_pending', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the token, hex: the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		/** The browser that signed in, for the list of signed-in devices. */
		userAgent: text('user_agent'),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const clients = sqliteTable(
	'clients',
	{
		id: text('id').primaryKey(),
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The client's own account, once they accept an invitation. */
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		email: text('email'),
		/** ISO date (YYYY-MM-DD): a birthday has no time zone. */
		dateOfBirth: text('date_of_birth'),
		notes: text('notes').notNull().default(''),
		/** Condition tags the trainer groups outcomes by ("Hypertension, Knee replacement"), normalised, comma-separated. */
		conditions: text('conditions').notNull().default(''),
		createdAt: createdAt(),
		...removal()
	},
	(t) => [index('clients_trainer_idx').on(t.trainerId), index('clients_user_idx').on(t.userId)]
);

// The list lives with the kinds' labels, shared with the browser (src/lib/shared/practice).
export { documentKinds, type DocumentKind } from '../../src/lib/shared/practice/document-kinds.ts';

export const documents = sqliteTable(
	'documents',
	{
		id: text('id').primaryKey(),
		/** The trainer whose practice holds the document, whether it is about a client or not. */
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The client the document is about; null for the practice's own documents (letters, outreach). */
		clientId: text('client_id').references(() => clients.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: documentKinds }).notNull(),
		title: text('title').notNull(),
		/** The trainer's private working notes: the client the document is about does not see it. */
		private: integer('private', { mode: 'boolean' }).notNull().default(false),
		createdAt: createdAt(),
		...removal(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`)
	},
	(t) => [index('documents_client_idx').on(t.clientId), index('documents_trainer_idx').on(t.trainerId)]
);

/** The compacted Yjs state of a document, rewritten when the collaboration server stores it. */
export const documentStates = sqliteTable('document_states', {
	documentId: text('document_id')
		.primaryKey()
		.references(() => documents.id, { onDelete: 'cascade' }),
	state: blob('state', { mode: 'buffer' }).notNull(),
	storedAt: integer('stored_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * Every update the server accepts is appended here before it is acknowledged, so a crash loses
 * nothing a client saw saved; compaction folds these rows into document_states.
 */
export const documentUpdates = sqliteTable(
	'document_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		update: blob('update', { mode: 'buffer' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('document_updates_document_idx').on(t.documentId, t.id)]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Client = typeof clients.$inferSelect;
export type Document = typeof documents.$inferSelect;
