import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, isNull, max, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../auth/session.ts';
import { consentState } from '../consent/records.ts';
import { generateLinkToken, hashLinkToken, looksLikeLinkToken } from '../consent/tokens.ts';
import type { Db, Executor } from '../db/client.ts';
import { auditLog, clients, documents, shareLinks, users, type Client, type Document, type ProviderRole, type ShareLink } from '../db/schema.ts';
import { consentCovers } from './coverage.ts';

const DAY = 24 * 60 * 60 * 1000;
export const DEFAULT_LINK_DAYS = 30;
export const EXPIRING_SOON_MS = 7 * DAY;
const systemClock: Clock = () => Date.now();

export type LinkStatus = 'awaiting-approval' | 'active' | 'expiring-soon' | 'expired' | 'revoked' | 'declined';

export function linkStatus(link: ShareLink, now: number): LinkStatus {
	if (link.revokedAt) return link.revokedReason === 'client-declined' ? 'declined' : 'revoked';
	if (link.expiresAt && link.expiresAt.getTime() <= now) return 'expired';
	if (link.needsClientApproval && !link.approvedAt) return 'awaiting-approval';
	if (link.expiresAt && link.expiresAt.getTime() - now <= EXPIRING_SOON_MS) return 'expiring-soon';
	return 'active';
}

export interface NewShareLink {
	providerName: string;
	providerRole: ProviderRole;
	providerPractice: string;
	providerEmail: string | null;
	/** Null means the trainer chose "no expiry". */
	expiresAt: Date | null;
	/** The provider in the trainer's directory, when the trainer picked one. */
	directoryProviderId?: string | null;
}

export class NotCoveredError extends Error {}

/**
 * Whether this document may go to this provider now. A document about a client goes only under
 * their consent, and never while it is the trainer's private notes; a practice document holds no
 * client's information and goes without one (its link stays bound to a client's consent only if it
 * was made under one, before drizzle/0012 moved it to the practice).
 */
async function coverageOf(db: Executor, document: Document, clientId: string | null, providerName: string, now: Clock) {
	if (document.private)
		return { ok: false as const, reason: 'These are private working notes: make them visible to the client before sharing them.', state: undefined };
	if (!clientId) return { ok: true as const, needsClientApproval: false, state: undefined };
	const state = await consentState(db, clientId, now);
	return { ...consentCovers(state, document, providerName), state };
}

export async function createShareLink(db: Db, document: Document, createdBy: string, input: NewShareLink, now: Clock = systemClock) {
	const coverage = await coverageOf(db, document, document.clientId, input.providerName, now);
	if (!coverage.ok) throw new NotCoveredError(coverage.reason);
	const token = generateLinkToken();
	const [link] = await db
		.insert(shareLinks)
		.values({
			id: randomUUID(),
			documentId: document.id,
			clientId: document.clientId,
			createdBy,
			tokenHash: hashLinkToken(token),
			...input,
			createdAt: new Date(now()),
			consentRecordId: coverage.state?.record?.id ?? null,
			needsClientApproval: coverage.needsClientApproval
		})
		.returning();
	return { token, link: link! };
}

export type ShareRefusal = 'malformed' | 'unknown' | 'expired' | 'revoked' | 'not-approved' | 'no-consent' | 'private';

export interface OpenShare {
	link: ShareLink;
	document: Document;
	/** The client the document is about; null for a practice document. */
	client: Client | null;
	trainer: { name: string; practiceName: string | null };
}

export type ShareResolution = { ok: true; share: OpenShare } | { ok: false; reason: ShareRefusal; linkId?: string; clientId?: string };

/**
 * What a share token opens right now, or why it opens nothing. Checked on every view and every
 * connection: a link is only as good as the consent behind it at this moment.
 */
export async function resolveShareToken(db: Db, token: string, now: Clock = systemClock): Promise<ShareResolution> {
	if (!looksLikeLinkToken(token)) return { ok: false, reason: 'malformed' };
	return judgeShare(db, await openShareRow(db, eq(shareLinks.tokenHash, hashLinkToken(token))), now);
}

/** The link a token names, whatever its state; judged by resolveShareLink. */
export async function shareLinkIdOf(db: Db, token: string): Promise<{ ok: true; linkId: string } | { ok: false; reason: 'malformed' | 'unknown' }> {
	if (!looksLikeLinkToken(token)) return { ok: false, reason: 'malformed' };
	const [row] = await db
		.select({ id: shareLinks.id })
		.from(shareLinks)
		.where(eq(shareLinks.tokenHash, hashLinkToken(token)))
		.limit(1);
	return row ? { ok: true, linkId: row.id } : { ok: false, reason: 'unknown' };
}

/** The same judgement for a link already known by id: a live connection re-checks its link so. */
export async function resolveShareLink(db: Db, linkId: string, now: Clock = systemClock): Promise<ShareResolution> {
	return judgeShare(db, await openShareRow(db, eq(shareLinks.id, linkId)), now);
}

async function openShareRow(db: Db, where: SQL) {
	const [row] = await db
		.select({ link: shareLinks, document: documents, client: clients, trainerName: users.name, practiceName: users.practiceName })
		.from(shareLinks)
		.innerJoin(documents, eq(shareLinks.documentId, documents.id))
		.leftJoin(clients, eq(shareLinks.clientId, clients.id))
		.innerJoin(users, eq(documents.trainerId, users.id))
		.where(where)
		.limit(1);
	return row;
}

async function judgeShare(db: Db, row: Awaited<ReturnType<typeof openShareRow>>, now: Clock): Promise<ShareResolution> {
	if (!row) return { ok: false, reason: 'unknown' };
	const refused = (reason: ShareRefusal) => ({ ok: false as const, reason, linkId: row.link.id, clientId: row.link.clientId ?? undefined });
	const status = linkStatus(row.link, now());
	if (status === 'revoked' || status === 'declined') return refused('revoked');
	if (status === 'expired') return refused('expired');
	if (status === 'awaiting-approval') return refused('not-approved');
	const coverage = await coverageOf(db, row.document, row.link.clientId, row.link.providerName, now);
	if (!coverage.ok) return refused(row.document.private ? 'private' : 'no-consent');
	return {
		ok: true,
		share: { link: row.link, document: row.document, client: row.client, trainer: { name: row.trainerName, practiceName: row.practiceName } }
	};
}

export async function listLinksOfDocument(db: Db, documentId: string) {
	const views = db
		.select({ linkId: auditLog.linkId, views: count().as('views'), lastViewed: max(auditLog.at).as('last_viewed') })
		.from(auditLog)
		.where(sql`${auditLog.event} in ('view', 'pdf', 'version-view')`)
		.groupBy(auditLog.linkId)
		.as('views');
	const rows = await db
		.select({ link: shareLinks, views: views.views, lastViewed: views.lastViewed })
		.from(shareLinks)
		.leftJoin(views, eq(views.linkId, shareLinks.id))
		.where(eq(shareLinks.documentId, documentId))
		.orderBy(desc(shareLinks.createdAt));
	return rows.map((row) => ({ ...row.link, views: row.views ?? 0, lastViewed: row.lastViewed ? new Date(row.lastViewed) : null }));
}

export async function pendingApprovals(db: Db, clientId: string, now: Clock = systemClock) {
	const rows = await db
		.select({ link: shareLinks, title: documents.title })
		.from(shareLinks)
		.innerJoin(documents, eq(shareLinks.documentId, documents.id))
		.where(and(eq(shareLinks.clientId, clientId), eq(shareLinks.needsClientApproval, true), isNull(shareLinks.approvedAt), isNull(shareLinks.revokedAt)))
		.orderBy(desc(shareLinks.createdAt));
	return rows.filter(({ link }) => linkStatus(link, now()) === 'awaiting-approval');
}

/** Sets one of the decision columns on a link that is still undecided; false if it was not. */
export async function decideLink(db: Db, clientId: string, linkId: string, decision: 'approve' | 'decline', now: Clock = systemClock): Promise<boolean> {
	const set = decision === 'approve' ? { approvedAt: new Date(now()) } : { revokedAt: new Date(now()), revokedReason: 'client-declined' as const };
	const result = await db
		.update(shareLinks)
		.set(set)
		.where(and(eq(shareLinks.id, linkId), eq(shareLinks.clientId, clientId), isNull(shareLinks.approvedAt), isNull(shareLinks.revokedAt)))
		.returning({ id: shareLinks.id });
	return result.length === 1;
}

export async function revokeLink(db: Db, documentId: string, linkId: string, now: Clock = systemClock): Promise<boolean> {
	const result = await db
		.update(shareLinks)
		.set({ revokedAt: new Date(now()), revokedReason: 'trainer' })
		.where(and(eq(shareLinks.id, linkId), eq(shareLinks.documentId, documentId), isNull(shareLinks.revokedAt)))
		.returning({ id: shareLinks.id });
	return result.length === 1;
}

/** When consent is revoked, every link of that client's is revoked with it: returns their ids. */
export async function revokeLinksOfClient(db: Executor, clientId: string, now: Clock = systemClock): Promise<string[]> {
	const rows = await db
		.update(shareLinks)
		.set({ revokedAt: new Date(now()), revokedReason: 'consent-revoked' })
		.where(and(eq(shareLinks.clientId, clientId), isNull(shareLinks.revokedAt)))
		.returning({ id: shareLinks.id });
	return rows.map((row) => row.id);
}

/**
 * Ties a link to the provider just added to the directory for it. Done after the directory write
 * succeeded, so a link never names a provider that was never added.
 */
export async function attachDirectoryProvider(db: Db, linkId: string, providerId: string): Promise<void> {
	await db.update(shareLinks).set({ directoryProviderId: providerId }).where(eq(shareLinks.id, linkId));
}

export function defaultExpiry(now: number): Date {
	return new Date(now + DEFAULT_LINK_DAYS * DAY);
}
