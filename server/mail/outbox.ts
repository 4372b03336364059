import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { isUniqueViolation, type Executor } from '../db/client.ts';
import { outgoingMail, type OutgoingMail } from '../db/schema.ts';
import type { MailAttachment } from '../db/mail-schema.ts';

/** What a message says and to whom; server/mail/messages/ builds these. */
export interface MailContent {
	subject: string;
	text: string;
	html: string;
	/** The one link the message is about, for the Outbox to offer for copying. */
	link?: string;
}

export interface MailMessage extends MailContent {
	kind: string;
	to: string;
	toName?: string | null;
	replyTo?: string | null;
	/** The trainer whose Outbox lists it; none for account mail. */
	ownerId?: string | null;
	/** Files sent with it (a report's PDF), stored with the row. */
	attachments?: MailAttachment[];
	/** Headers sent as they are, e.g. List-Unsubscribe. */
	headers?: Record<string, string>;
	/** Queued at most once under this key. */
	dedupeKey?: string;
}

export const NO_MAIL_SERVER = 'Not sent: no mail server configured (set SMTP_URL).';

export interface QueueOptions {
	/** False when no mail server is configured: the message is kept, held, with the reason. */
	deliverable: boolean;
	/** The domain of Message-IDs, from MAIL_FROM. */
	messageIdDomain: string;
	now?: () => number;
	/** Kept as `waiting`, with this reason, until releaseMail (a link that opens only after approval). */
	waitingFor?: string;
}

/**
 * The one way a message leaves Bridgework: it is stored, and the delivery job sends it. Inside a
 * transaction it commits or rolls back with the record that caused it. Returns null when a
 * message with the same dedupeKey was queued before.
 */
export async function queueMail(db: Executor, message: MailMessage, options: QueueOptions): Promise<OutgoingMail | null> {
	const now = new Date((options.now ?? Date.now)());
	const id = randomUUID();
	try {
		const [row] = await db
			.insert(outgoingMail)
			.values({
				id,
				ownerId: message.ownerId ?? null,
				kind: message.kind,
				dedupeKey: message.dedupeKey ?? null,
				toAddress: message.to,
				toName: message.toName ?? null,
				replyTo: message.replyTo ?? null,
				subject: message.subject,
				text: message.text,
				html: message.html,
				link: message.link ?? null,
				attachments: message.attachments?.length ? message.attachments : null,
				headers: message.headers ?? null,
				messageId: `<${id}@${options.messageIdDomain}>`,
				status: options.waitingFor ? 'waiting' : options.deliverable ? 'pending' : 'held',
				lastError: options.waitingFor ?? (options.deliverable ? null : NO_MAIL_SERVER),
				nextAttemptAt: now,
				createdAt: now
			})
			.returning();
		return row!;
	} catch (error) {
		if (message.dedupeKey && isUniqueViolation(error)) return null;
		throw error;
	}
}

/** The trainer's Outbox, newest first. */
export function outboxOf(db: Executor, ownerId: string, limit = 200): Promise<OutgoingMail[]> {
	return db.select().from(outgoingMail).where(eq(outgoingMail.ownerId, ownerId)).orderBy(desc(outgoingMail.createdAt)).limit(limit);
}

/** Tries a failed or held message of this trainer's again, from the Outbox. */
export async function retryMail(db: Executor, ownerId: string, id: string, now = Date.now()): Promise<boolean> {
	const rows = await db
		.update(outgoingMail)
		.set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(now), lastError: null })
		.where(and(eq(outgoingMail.id, id), eq(outgoingMail.ownerId, ownerId), inArray(outgoingMail.status, ['failed', 'held'])))
		.returning({ id: outgoingMail.id });
	return rows.length === 1;
}

/** The domain part of the From address, for Message-IDs. */
export function domainOf(from: string): string {
	return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

/** A waiting message may go now (the client approved): pending, or held without a mail server. */
export async function releaseMail(db: Executor, dedupeKey: string, deliverable: boolean, now = Date.now()): Promise<boolean> {
	const rows = await db
		.update(outgoingMail)
		.set(deliverable ? { status: 'pending', lastError: null, nextAttemptAt: new Date(now) } : { status: 'held', lastError: NO_MAIL_SERVER })
		.where(and(eq(outgoingMail.dedupeKey, dedupeKey), eq(outgoingMail.status, 'waiting')))
		.returning({ id: outgoingMail.id });
	return rows.length === 1;
}

/** A waiting message that must never go (the client declined): failed, with the reason. */
export async function cancelMail(db: Executor, dedupeKey: string, reason: string): Promise<boolean> {
	const rows = await db
		.update(outgoingMail)
		.set({ status: 'failed', lastError: reason })
		.where(and(eq(outgoingMail.dedupeKey, dedupeKey), eq(outgoingMail.status, 'waiting')))
		.returning({ id: outgoingMail.id });
	return rows.length === 1;
}

export async function mailByKey(db: Executor, dedupeKey: string): Promise<OutgoingMail | undefined> {
	const [row] = await db.select().from(outgoingMail).where(eq(outgoingMail.dedupeKey, dedupeKey)).limit(1);
	return row;
}
