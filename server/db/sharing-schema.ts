import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { providerRoles } from '../../src/lib/shared/referrals/vocabulary.ts';
import { consentRecords } from './consent-schema.ts';
import { clients, documents, users } from './core-schema.ts';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export { providerRoles, type ProviderRole } from '../../src/lib/shared/referrals/vocabulary.ts';

export const shareLinks = sqliteTable(
	'share_links',
	{
		id: text('id').primaryKey(),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		/** The client whose document is shared; null for a practice document, which needs no consent. */
		clientId: text('client_id').references(() => clients.id, { onDelete: 'cascade' }),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** SHA-256 of the token in the link; the token is shown to the trainer once. */
		tokenHash: text('token_hash').notNull().unique(),
		providerName: text('provider_name').notNull(),
		providerRole: text('provider_role', { enum: providerRoles }).notNull(),
		providerPractice: text('provider_practice').notNull().default(''),
		providerEmail: text('provider_email'),
		/**
		 * The provider in the trainer's directory this link was made for, when there is one. The
		 * directory is a Yjs document (practice:<trainerId>), so no foreign key: a provider deleted
		 * there leaves this id pointing at nothing, which readers treat as "not in the directory".
		 */
		directoryProviderId: text('directory_provider_id'),
		createdAt: createdAt(),
		/** Null only when the trainer chose "no expiry" explicitly. */
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
		/** The consent record that allowed this link. */
		consentRecordId: text('consent_record_id').references(() => consentRecords.id),
		/** Under "providers I approve per link" the client approves each link before it opens. */
		needsClientApproval: integer('needs_client_approval', { mode: 'boolean' }).notNull(),
		approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
		revokedReason: text('revoked_reason', { enum: ['trainer', 'client-declined', 'consent-revoked'] })
	},
	(t) => [index('share_links_document_idx').on(t.documentId), index('share_links_client_idx').on(t.clientId)]
);

/** 'export': a client downloaded the records about them (their right of access). */
/** 'reply': the provider answered on the share page (server/sharing/replies.ts). */
/** 'visit-brief': the trainer produced a visit brief for a provider (server/sharing/visit-brief.ts); detail names the provider. */
export const auditEvents = ['view', 'pdf', 'version-view', 'refused', 'export', 'reply', 'visit-brief'] as const;
export type AuditEvent = (typeof auditEvents)[number];

/** Append-only, like consent: who saw what of a client's, and who was turned away. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		event: text('event', { enum: auditEvents }).notNull(),
		linkId: text('link_id').references(() => shareLinks.id, { onDelete: 'set null' }),
		clientId: text('client_id').references(() => clients.id, { onDelete: 'cascade' }),
		documentId: text('document_id').references(() => documents.id, { onDelete: 'set null' }),
		/** For refusals: unknown, malformed, expired, revoked, not-approved, no-consent. Never shown to the visitor. */
		detail: text('detail'),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		/** Refusals from one address for one link (or none) within a minute share a row: how many. */
		count: integer('count').notNull().default(1)
	},
	(t) => [index('audit_log_client_idx').on(t.clientId, t.at), index('audit_log_link_idx').on(t.linkId), index('audit_log_address_idx').on(t.ipAddress, t.at)]
);

/** A report as it was when the trainer marked it sent: immutable (SQLite triggers refuse changes). */
export const sentVersions = sqliteTable(
	'sent_versions',
	{
		id: text('id').primaryKey(),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
		sentBy: text('sent_by').references(() => users.id, { onDelete: 'set null' }),
		sentByName: text('sent_by_name').notNull(),
		note: text('note'),
		/** The rendered HTML and the Yjs state it came from. */
		html: text('html').notNull(),
		state: blob('state', { mode: 'buffer' }).notNull()
	},
	(t) => [index('sent_versions_document_idx').on(t.documentId, t.sentAt)]
);

/** What a provider's message is: they chose one; the trainer's answers are 'reply'. */
export const replyKinds = ['acknowledge', 'question', 'input', 'reply'] as const;
export type ReplyKind = (typeof replyKinds)[number];

/**
 * The thread under a shared report: the provider's answers on the share page and the trainer's
 * replies to them, one thread per link. Plain text only. A revoked link keeps its thread here for
 * the trainer and the client, but the share page no longer shows it.
 */
export const shareReplies = sqliteTable(
	'share_replies',
	{
		id: text('id').primaryKey(),
		linkId: text('link_id')
			.notNull()
			.references(() => shareLinks.id, { onDelete: 'cascade' }),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		/** The practice: its trainer. */
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The client the document is about, for their view of the exchange; null for a practice document. */
		clientId: text('client_id').references(() => clients.id, { onDelete: 'cascade' }),
		author: text('author', { enum: ['provider', 'trainer'] }).notNull(),
		kind: text('kind', { enum: replyKinds }).notNull(),
		/** The name the author gave (a provider's is optional; the trainer's is their account's). */
		authorName: text('author_name'),
		body: text('body').notNull(),
		createdAt: createdAt(),
		/** When the trainer saw a provider's message; null while unread. Always null for the trainer's own. */
		readAt: integer('read_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('share_replies_link_idx').on(t.linkId, t.createdAt), index('share_replies_trainer_idx').on(t.trainerId, t.createdAt)]
);

export type ShareLink = typeof shareLinks.$inferSelect;
export type ShareReply = typeof shareReplies.$inferSelect;
export type SentVersion = typeof sentVersions.$inferSelect;
