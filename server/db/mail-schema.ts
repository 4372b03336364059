import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core-schema.ts';

/** waiting: queued but not to be sent until something happens (a client approves the link it carries). */
/** A file sent with a message (a report's PDF), stored with it so a retry sends the same bytes. */
export interface MailAttachment {
	filename: string;
	contentType: string;
	contentBase64: string;
}

export const mailStatuses = ['pending', 'sending', 'sent', 'failed', 'held', 'waiting'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/**
 * Every email Bridgework sends, as a row first (after pretalx's outbox and Zulip's queued email):
 * the action that causes a message only stores it, and the delivery job (server/mail/delivery.ts)
 * sends it, so a slow or absent mail server never blocks the action and a restart neither loses
 * nor repeats a message. The trainer sees their practice's rows in the Outbox.
 */
export const outgoingMail = sqliteTable(
	'outgoing_mail',
	{
		id: text('id').primaryKey(),
		/** Whose outbox shows the message: the trainer who caused it; null for account mail (resets, confirmations). */
		ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		/**
		 * Makes queueing idempotent: the same key is queued once (e.g. "invitation:<id>"), so a
		 * retried action cannot mail twice. Null for messages that may repeat.
		 */
		dedupeKey: text('dedupe_key').unique(),
		toAddress: text('to_address').notNull(),
		toName: text('to_name'),
		replyTo: text('reply_to'),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html').notNull(),
		/** The link the message carries, for the trainer to copy from the Outbox when it was not sent. */
		link: text('link'),
		attachments: text('attachments', { mode: 'json' }).$type<MailAttachment[]>(),
		/** Extra headers sent as they are (List-Unsubscribe on the digest), kept so a retry carries them. */
		headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
		/** Message-ID header, fixed when queued: a retry after an unclear failure carries the same one. */
		messageId: text('message_id').notNull(),
		status: text('status', { enum: mailStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
		/** While `sending`: until when the instance that claimed it holds it; past it, another may retry. */
		leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
		/** Why the last attempt failed, or why the message is held, in words for the Outbox. */
		lastError: text('last_error'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('outgoing_mail_due_idx').on(t.status, t.nextAttemptAt), index('outgoing_mail_owner_idx').on(t.ownerId, t.createdAt)]
);

/** sign_in_challenge: the password was right and the second factor is still to come (a cookie holds it). */
export const accountTokenPurposes = ['reset_password', 'verify_email', 'unsubscribe_digest', 'sign_in_challenge'] as const;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];

/**
 * Single-use tokens mailed for account recovery and address confirmation. Only the token's
 * SHA-256 is stored, as for sessions: a copy of the database resets no password.
 */
export const accountTokens = sqliteTable(
	'account_tokens',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: accountTokenPurposes }).notNull(),
		/** The address the token was mailed to: for verify_email, the one it confirms. */
		email: text('email').notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`)
	},
	(t) => [index('account_tokens_user_idx').on(t.userId, t.purpose)]
);

export type OutgoingMail = typeof outgoingMail.$inferSelect;
export type AccountToken = typeof accountTokens.$inferSelect;

/**
 * The mail a trainer asked for beyond what an action sends: kept apart from users so that account
 * changes and these opt-ins never touch the same row. No row means every opt-in is off.
 */
export const mailPreferences = sqliteTable('mail_preferences', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	/** A note to the trainer the first time a provider opens each share link. */
	firstViewNotice: integer('first_view_notice', { mode: 'boolean' }).notNull().default(false),
	/** A morning email of the follow-ups and client reports due (server/mail/digest.ts). */
	dailyDigest: integer('daily_digest', { mode: 'boolean' }).notNull().default(false),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export type MailPreferences = typeof mailPreferences.$inferSelect;
