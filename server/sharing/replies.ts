import { randomUUID } from 'node:crypto';
import type { Hocuspocus } from '@hocuspocus/server';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CollabContext } from '../collab/context.ts';
import type { Db } from '../db/client.ts';
import { auditLog, documents, shareLinks, shareReplies, users, type ShareLink, type ShareReply } from '../db/schema.ts';
import { replyMail } from '../mail/messages/reply.ts';
import type { Mailer } from '../mail/mailer.ts';
import { practiceTimeZone } from '../practice/time-zone.ts';
import { directoryOf } from '../referrals/outreach.server.ts';
import { recordTouchpointFromServer } from '../referrals/stored-practice.server.ts';
import { addDays, type IsoDate } from '../../src/lib/shared/referrals/dates.ts';
import { sameName } from '../../src/lib/shared/referrals/outreach.ts';
import { replyKindVerbs, type ProviderReplyInput } from '../../src/lib/shared/sharing/replies.ts';
import { localDateAndHour } from '../../src/lib/shared/time-zone.ts';
import type { OpenShare } from './links.ts';

// The thread under a shared report: the provider answers on the share page (no account, plain
// text), the trainer replies on the document's sharing page, and each sees the other's words on
// their next visit. Who may do which is decided in server/policy.ts (shareReplyAccess,
// threadAccess); these functions only store and read. Nothing here is ever rendered as HTML: the
// pages print the text as text.

export type ThreadMessage = Pick<ShareReply, 'id' | 'author' | 'kind' | 'authorName' | 'body' | 'createdAt' | 'readAt'>;

const messageColumns = {
	id: shareReplies.id,
	author: shareReplies.author,
	kind: shareReplies.kind,
	authorName: shareReplies.authorName,
	body: shareReplies.body,
	createdAt: shareReplies.createdAt,
	readAt: shareReplies.readAt
};

/** One link's thread, oldest first. */
export async function threadOf(db: Db, linkId: string): Promise<ThreadMessage[]> {
	return db.select(messageColumns).from(shareReplies).where(eq(shareReplies.linkId, linkId)).orderBy(asc(shareReplies.createdAt), asc(shareReplies.id));
}

/** Every thread of a document, by link id, oldest message first. */
export async function threadsOfDocument(db: Db, documentId: string): Promise<Map<string, ThreadMessage[]>> {
	const rows = await db
		.select({ ...messageColumns, linkId: shareReplies.linkId })
		.from(shareReplies)
		.where(eq(shareReplies.documentId, documentId))
		.orderBy(asc(shareReplies.createdAt), asc(shareReplies.id));
	const threads = new Map<string, ThreadMessage[]>();
	for (const { linkId, ...message } of rows) {
		const thread = threads.get(linkId) ?? [];
		thread.push(message);
		threads.set(linkId, thread);
	}
	return threads;
}

export interface ReplyMeta {
	ipAddress: string | null;
	userAgent: string | null;
	/** The origin links in the trainer's email point at. */
	origin: string;
}

/**
 * Stores a provider's message on an open share, keeps it in the link's audit trail, and queues the
 * trainer's email after both are committed. The caller has asked shareReplyAccess and the throttle,
 * and parsed the input with ProviderReplyForm.
 */
export async function postProviderReply(
	db: Db,
	mailer: Mailer,
	share: OpenShare,
	input: ProviderReplyInput,
	meta: ReplyMeta,
	now = new Date()
): Promise<ShareReply> {
	const { link, document } = share;
	const row = await db.transaction(async (tx) => {
		const [inserted] = await tx
			.insert(shareReplies)
			.values({
				id: randomUUID(),
				linkId: link.id,
				documentId: document.id,
				trainerId: document.trainerId,
				clientId: link.clientId,
				author: 'provider',
				kind: input.kind,
				authorName: input.authorName || null,
				body: input.body,
				createdAt: now
			})
			.returning();
		// Kept with the link's audit trail, in the same commit: a message is never stored unaudited.
		await tx.insert(auditLog).values({
			at: now,
			event: 'reply',
			linkId: link.id,
			clientId: link.clientId,
			documentId: document.id,
			detail: replyKindVerbs[input.kind],
			ipAddress: meta.ipAddress,
			userAgent: meta.userAgent?.slice(0, 400) ?? null
		});
		return inserted!;
	});
	await mailTrainer(db, mailer, share, row, meta.origin);
	return row;
}

/** The trainer's email: what the provider wrote, and the page where they answer it. */
async function mailTrainer(db: Db, mailer: Mailer, share: OpenShare, reply: ShareReply, origin: string): Promise<void> {
	const trainerId = share.document.trainerId;
	const [trainer] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, trainerId)).limit(1);
	if (!trainer) return;
	await mailer.send({
		kind: 'share_reply',
		ownerId: trainerId,
		dedupeKey: `share-reply:${reply.id}`,
		to: trainer.email,
		toName: trainer.name,
		...replyMail({
			trainerName: trainer.name,
			providerName: reply.authorName || share.link.providerName,
			documentTitle: share.document.title,
			kind: reply.kind === 'reply' ? 'input' : reply.kind,
			body: reply.body,
			threadUrl: `${origin}/documents/${share.document.id}/sharing#thread-${share.link.id}`
		})
	});
}

/** The trainer's answer in a link's thread; threadAccess said 'reply'. */
export async function postTrainerReply(db: Db, link: ShareLink, trainer: { id: string; name: string }, body: string, now = new Date()): Promise<ShareReply> {
	const [row] = await db
		.insert(shareReplies)
		.values({
			id: randomUUID(),
			linkId: link.id,
			documentId: link.documentId,
			trainerId: trainer.id,
			clientId: link.clientId,
			author: 'trainer',
			kind: 'reply',
			authorName: trainer.name,
			body,
			createdAt: now
		})
		.returning();
	return row!;
}

/**
 * Logs the provider's answer on their timeline in the trainer's directory: the provider the link
 * was made for, or the one directory entry of the same name. A question gets a next step, to answer
 * it within two days. Never throws (the message is the record and is stored already): a provider
 * who is in no directory, or a practice that cannot be read, is logged and answered with null.
 */
export async function recordReplyTouchpoint(db: Db, hocuspocus: Hocuspocus<CollabContext>, share: OpenShare, reply: ShareReply) {
	const trainerId = share.document.trainerId;
	try {
		const directory = (await directoryOf(db, trainerId)) ?? [];
		const provider =
			directory.find((p) => p.id === share.link.directoryProviderId) ??
			(() => {
				const namesakes = directory.filter((p) => sameName(p.name, share.link.providerName));
				return namesakes.length === 1 ? namesakes[0] : undefined;
			})();
		if (!provider) {
			console.warn(`[sharing] the provider of link ${share.link.id} is not in the directory of trainer ${trainerId}; no touchpoint for their answer`);
			return null;
		}
		const { timeZone } = await practiceTimeZone(db, trainerId);
		const date: IsoDate = localDateAndHour(reply.createdAt.getTime(), timeZone).date;
		const words = reply.body ? `: “${reply.body.length > 200 ? `${reply.body.slice(0, 199)}…` : reply.body}”` : '.';
		return await recordTouchpointFromServer(hocuspocus, trainerId, {
			providerId: provider.id,
			kind: 'provider_reply',
			date,
			outcome: `${replyKindVerbs[reply.kind === 'reply' ? 'input' : reply.kind].replace(/^./, (c) => c.toUpperCase())} on “${share.document.title}”${words}`,
			next: reply.kind === 'question' ? { due: addDays(date, 2), kind: 'letter_email', note: 'Answer their question on the shared report.' } : undefined,
			source: 'share_reply'
		});
	} catch (error) {
		console.error(`[sharing] could not record the touchpoint of an answer on link ${share.link.id}:`, error);
		return null;
	}
}

export interface ProviderAnswer {
	id: string;
	linkId: string;
	documentId: string;
	documentTitle: string;
	providerName: string;
	authorName: string | null;
	kind: ShareReply['kind'];
	body: string;
	createdAt: Date;
	unread: boolean;
}

/** The answers providers gave on this trainer's shared reports, newest first, for the home screen. */
export async function answersForTrainer(db: Db, trainerId: string, limit = 10): Promise<ProviderAnswer[]> {
	const rows = await db
		.select({
			id: shareReplies.id,
			linkId: shareReplies.linkId,
			documentId: shareReplies.documentId,
			documentTitle: documents.title,
			providerName: shareLinks.providerName,
			authorName: shareReplies.authorName,
			kind: shareReplies.kind,
			body: shareReplies.body,
			createdAt: shareReplies.createdAt,
			readAt: shareReplies.readAt
		})
		.from(shareReplies)
		.innerJoin(shareLinks, eq(shareReplies.linkId, shareLinks.id))
		.innerJoin(documents, eq(shareReplies.documentId, documents.id))
		.where(and(eq(shareReplies.trainerId, trainerId), eq(shareReplies.author, 'provider'), isNull(documents.deletedAt)))
		.orderBy(desc(shareReplies.createdAt))
		.limit(limit);
	return rows.map(({ readAt, ...row }) => ({ ...row, unread: readAt === null }));
}

export async function unreadAnswerCount(db: Db, trainerId: string): Promise<number> {
	const [row] = await db
		.select({ count: sql<number>`count(*)` })
		.from(shareReplies)
		.where(and(eq(shareReplies.trainerId, trainerId), eq(shareReplies.author, 'provider'), isNull(shareReplies.readAt)));
	return Number(row?.count ?? 0);
}

/** The trainer has seen these links' threads (on the document's sharing page). */
export async function markThreadsRead(db: Db, trainerId: string, linkIds: string[], now = new Date()): Promise<void> {
	if (linkIds.length === 0) return;
	await db
		.update(shareReplies)
		.set({ readAt: now })
		.where(and(eq(shareReplies.trainerId, trainerId), inArray(shareReplies.linkId, linkIds), eq(shareReplies.author, 'provider'), isNull(shareReplies.readAt)));
}
