import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { clients, users } from './core-schema.ts';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const invitations = sqliteTable(
	'invitations',
	{
		id: text('id').primaryKey(),
		clientId: text('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		/** SHA-256 of the token in the link: the link itself is shown once and never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('invitations_client_idx').on(t.clientId)]
);

export const consentActions = ['grant', 'revoke', 'withdraw-coediting'] as const;
export type ConsentAction = (typeof consentActions)[number];

/**
 * Append-only (SQLite triggers refuse UPDATE and DELETE): every change of mind is a new row,
 * and each row holds the complete terms then in force, so the history reads on its own.
 */
export const consentRecords = sqliteTable(
	'consent_records',
	{
		id: text('id').primaryKey(),
		clientId: text('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		/** The client's account that signed; null never happens for rows written by the app. */
		signedByUserId: text('signed_by_user_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action', { enum: consentActions }).notNull(),
		/** JSON: { kinds: DocumentKind[] } or { documentIds: string[] }. */
		information: text('information', { mode: 'json' }).$type<ConsentInformation>().notNull(),
		/** Who discloses: the trainer and practice, as written in the text the client saw. */
		discloser: text('discloser').notNull(),
		/** JSON: { mode: 'per-link' } or { mode: 'named', providers: NamedProvider[] }. */
		recipients: text('recipients', { mode: 'json' }).$type<ConsentRecipients>().notNull(),
		purpose: text('purpose').notNull(),
		/** ISO date after which nothing may be disclosed under this record. */
		expiresOn: text('expires_on').notNull(),
		/** Optional event that ends it sooner ("when my training programme ends"). */
		expiryEvent: text('expiry_event'),
		coEditing: integer('co_editing', { mode: 'boolean' }).notNull(),
		signatureName: text('signature_name').notNull(),
		signedAt: integer('signed_at', { mode: 'timestamp_ms' }).notNull(),
		consentVersion: text('consent_version').notNull(),
		/** The exact text the client read before signing. */
		consentText: text('consent_text').notNull(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent')
	},
	(t) => [index('consent_records_client_idx').on(t.clientId, t.signedAt)]
);

export type ConsentInformation = { scope: 'kinds'; kinds: string[] } | { scope: 'documents'; documentIds: string[] };
export type NamedProvider = { name: string; role: string; practice: string };
export type ConsentRecipients = { mode: 'per-link' } | { mode: 'named'; providers: NamedProvider[] };

export type Invitation = typeof invitations.$inferSelect;
export type ConsentRecord = typeof consentRecords.$inferSelect;
