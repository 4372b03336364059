import { and, eq, isNull } from 'drizzle-orm';
import { sessionInForce, type Clock } from './auth/session.ts';
import type { RefusalReason } from './collab/close-events.ts';
import type { DocumentName } from '../src/lib/shared/collab/document-name.ts';
import { consentEndsAt, consentState } from './consent/records.ts';
import { consentCovers, consentCoversBrief } from './sharing/coverage.ts';
import { linkStatus, resolveShareLink, resolveShareToken, type ShareRefusal } from './sharing/links.ts';
import type { Db } from './db/client.ts';
import {
	clients,
	clientVisits,
	documents,
	practiceEvents,
	shareLinks,
	type Client,
	type ClientVisit,
	type ConsentRecord,
	type Document,
	type PracticeEvent,
	type ShareLink,
	type User
} from './db/schema.ts';
import { resolveInvitationToken, type InvitationResolution } from './referrals/invitation-tokens.server.ts';
import type { IsoDate } from '../src/lib/shared/referrals/dates.ts';

/**
 * The one place that decides who may read and who may write what. SvelteKit routes, form actions
 * and the collaboration server's hooks all ask here; nothing else compares owner ids.
 *
 * - A trainer owns their practice: its clients, every document about them, and the practice's own
 *   documents (letters, outreach materials), which belong to no client.
 * - A client, once their account is linked to a client record, sees that record and always reads
 *   the documents about them (their right of access), except the trainer's private working notes;
 *   they write them only while their consent to co-edit is in force. They never see a practice
 *   document.
 * - An archived record (a client, or a document, or a document of an archived client) is kept for
 *   its trainer to read and restore, and the client still reads what is about them (archiving is
 *   the trainer's filing, not the end of the client's right of access); nobody edits it and no
 *   provider reaches it. A record in the trash is reached by nobody until it is restored. The
 *   access watcher closes what was open.
 * - Anyone else gets nothing, and is told "not found" rather than "forbidden" by the routes.
 */

export type Actor =
	| { kind: 'user'; user: Pick<User, 'id' | 'role'> }
	/** A provider holding a share link: no account, one document, read only. */
	| { kind: 'share-link'; linkId: string }
	| { kind: 'anonymous' };

export type Access = 'none' | 'read' | 'write';

export const anonymous: Actor = { kind: 'anonymous' };

export function userActor(user: Pick<User, 'id' | 'role'>): Actor {
	return { kind: 'user', user };
}

export function isTrainerOf(actor: Actor, client: Pick<Client, 'trainerId'>): boolean {
	return actor.kind === 'user' && actor.user.role === 'trainer' && client.trainerId === actor.user.id;
}

export function isClientSelf(actor: Actor, client: Pick<Client, 'userId'>): boolean {
	return actor.kind === 'user' && actor.user.role === 'client' && client.userId === actor.user.id;
}

export type RemovalState = 'active' | 'archived' | 'deleted';

/** Where a record stands: in the trash (or purged), archived, or in use. */
export function removalState(...records: Array<Pick<Client, 'archivedAt' | 'deletedAt' | 'purgedAt'> | null | undefined>): RemovalState {
	if (records.some((record) => record && (record.deletedAt || record.purgedAt))) return 'deleted';
	if (records.some((record) => record?.archivedAt)) return 'archived';
	return 'active';
}

/**
 * An archived record is read by those who read it before (its trainer, and the client it is about);
 * a deleted one is nobody's until restored.
 */
function narrowedByRemoval(access: Access, state: RemovalState, reader: boolean): Access {
	if (state === 'deleted') return 'none';
	if (state === 'archived') return reader && access !== 'none' ? 'read' : 'none';
	return access;
}

/** Access to the client record itself: its page, its consent, its invitations. */
function accessToClient(actor: Actor, client: Client): Access {
	return narrowedByRemoval(accessToClientInUse(actor, client), removalState(client), isTrainerOf(actor, client) || isClientSelf(actor, client));
}

function accessToClientInUse(actor: Actor, client: Client): Access {
	if (isTrainerOf(actor, client)) return 'write';
	if (isClientSelf(actor, client)) return 'read';
	return 'none';
}

/** Access to a document about a client: the trainer always; the client reads it, and co-edits under consent. */
async function accessToClientDocument(db: Db, actor: Actor, client: Client, document: Document, now: Clock): Promise<Access> {
	if (isTrainerOf(actor, client)) return 'write';
	if (isClientSelf(actor, client)) {
		if (document.private) return 'none';
		return (await consentState(db, client.id, now)).coEditing ? 'write' : 'read';
	}
	return 'none';
}

/** The trainer whose practice holds the document, whether it is about a client or not. */
function isOwningTrainer(actor: Actor, document: Pick<Document, 'trainerId'>): boolean {
	return actor.kind === 'user' && actor.user.role === 'trainer' && actor.user.id === document.trainerId;
}

/** A practice document is its trainer's alone. */
function accessToPracticeDocument(actor: Actor, document: Document): Access {
	return isOwningTrainer(actor, document) ? 'write' : 'none';
}

export async function clientAccess(db: Db, actor: Actor, clientId: string): Promise<{ access: Access; client?: Client }> {
	const [client] = await db.select().from(clients).where(eq(clients.id, clientId)).limit(1);
	if (!client) return { access: 'none' };
	const access = accessToClient(actor, client);
	return access === 'none' ? { access } : { access, client };
}

export async function documentAccess(
	db: Db,
	actor: Actor,
	documentId: string,
	now: Clock = () => Date.now()
): Promise<{ access: Access; document?: Document; client?: Client | null }> {
	const [row] = await db
		.select({ document: documents, client: clients })
		.from(documents)
		.leftJoin(clients, eq(documents.clientId, clients.id))
		.where(eq(documents.id, documentId))
		.limit(1);
	if (!row) return { access: 'none' };
	const inUse = row.client ? await accessToClientDocument(db, actor, row.client, row.document, now) : accessToPracticeDocument(actor, row.document);
	const reader = isOwningTrainer(actor, row.document) || (row.client !== null && isClientSelf(actor, row.client));
	const access = narrowedByRemoval(inUse, removalState(row.document, row.client), reader);
	return access === 'none' ? { access } : { access, ...row };
}

/**
 * A trainer's practice (provider directory, touchpoints, referrals) is theirs alone: no client,
 * no other trainer, no share link ever reads it.
 */
export function practiceAccess(actor: Actor, trainerId: string): Access {
	if (actor.kind !== 'user') return 'none';
	return actor.user.role === 'trainer' && actor.user.id === trainerId ? 'write' : 'none';
}

/** An event the trainer holds for providers, and its invitations, are part of their practice: theirs alone. */
export async function eventAccess(db: Db, actor: Actor, eventId: string): Promise<{ access: Access; event?: PracticeEvent }> {
	const [event] = await db.select().from(practiceEvents).where(eq(practiceEvents.id, eventId)).limit(1);
	if (!event) return { access: 'none' };
	const access = practiceAccess(actor, event.trainerId);
	return access === 'none' ? { access } : { access, event };
}

/**
 * An invitation's answer link lets its holder read that one event and answer for themselves, with
 * no account, until a week after the event; it reads nothing else of the practice and nothing of
 * any client. Whether the answer may still change (the event has begun) is the page's business.
 */
export async function invitationAccess(db: Db, token: string, today: (trainerId: string) => Promise<IsoDate>): Promise<InvitationResolution> {
	return resolveInvitationToken(db, token, today);
}

export type VisitBriefDecision =
	| { access: 'none' }
	| { access: 'refused'; reason: string; visit: ClientVisit; client: Client }
	| { access: 'allowed'; visit: ClientVisit; client: Client; consent: ConsentRecord; documents: Document[] };

/**
 * A visit brief (a client's summary and measures, for the provider whose appointment the trainer
 * attends) is a disclosure like a shared report: its trainer alone produces it, for a client in
 * use, and only while the client's consent names that provider (coverage.ts says what a brief
 * needs). Its measures come only from the documents that consent lets go, never private notes.
 * "refused" carries the reason for the trainer, who must know what to ask the client for.
 */
export async function visitBriefAccess(db: Db, actor: Actor, visitId: string, now: Clock = () => Date.now()): Promise<VisitBriefDecision> {
	const [visit] = await db.select().from(clientVisits).where(eq(clientVisits.id, visitId)).limit(1);
	if (!visit) return { access: 'none' };
	const { access, client } = await clientAccess(db, actor, visit.clientId);
	if (access !== 'write' || !client || !isTrainerOf(actor, client)) return { access: 'none' };
	const inUse = await db
		.select()
		.from(documents)
		.where(
			and(
				eq(documents.clientId, client.id),
				eq(documents.private, false),
				isNull(documents.archivedAt),
				isNull(documents.deletedAt),
				isNull(documents.purgedAt)
			)
		);
	const coverage = consentCoversBrief(await consentState(db, client.id, now), visit.providerName, inUse);
	if (!coverage.ok) return { access: 'refused', reason: coverage.reason, visit, client };
	return { access: 'allowed', visit, client, consent: coverage.record, documents: coverage.documents };
}

/**
 * The practice's outcome summary counts every client of the trainer, so it is the trainer's alone
 * (as the practice is, practiceAccess), and is placed only into their own practice documents that
 * are made for it, never into a client's record.
 */
export function canPlaceOutcomeSummary(actor: Actor, document: Pick<Document, 'trainerId' | 'clientId' | 'kind'>, state: RemovalState): boolean {
	return (
		document.clientId === null &&
		isOwningTrainer(actor, document) &&
		state === 'active' &&
		(document.kind === 'service_overview' || document.kind === 'lunch_and_learn')
	);
}

/**
 * A de-identified sample is made from a client's report by the client's trainer alone: it reads the
 * names in the practice's other records to remove them, which a co-editing client may not read.
 */
export function canMakeSample(actor: Actor, client: Pick<Client, 'trainerId'> | null, state: RemovalState): boolean {
	return client !== null && isTrainerOf(actor, client) && state === 'active';
}

/**
 * Archiving, deleting and restoring a client or a document is its trainer's alone, whatever state
 * it is in (the trash is reached by nobody else).
 */
export function canRemove(actor: Actor, client: Pick<Client, 'trainerId'>): boolean {
	return isTrainerOf(actor, client);
}

/** Only trainers run a practice: they add clients, create documents and invite. */
export function canAddClients(actor: Actor): boolean {
	return actor.kind === 'user' && actor.user.role === 'trainer';
}

/** Signing, changing and revoking consent is the client's alone. */
export function canSignConsent(actor: Actor, client: Client): boolean {
	return isClientSelf(actor, client);
}

/**
 * A share link opens its one document, read only, while the link is live and, for a document about
 * a client, the client's consent still covers it (sharing/links.ts checks both on every call). A
 * practice document holds no client's information and needs no consent. Nothing else is ever
 * opened by a link.
 */
export async function shareAccess(db: Db, token: string) {
	const resolved = await resolveShareToken(db, token);
	if (!resolved.ok) return { access: 'none' as const, refusal: resolved };
	return { access: 'read' as const, share: resolved.share, actor: { kind: 'share-link', linkId: resolved.share.link.id } satisfies Actor };
}

/**
 * Replying on a link: its holder may write in the link's thread (acknowledge, ask, give input)
 * exactly while the link opens the report, decided by the same judgement as reading it; a revoked
 * or expired link, or consent that no longer covers the provider, refuses. The report itself stays
 * read only: a reply is never an edit of it.
 */
export async function shareReplyAccess(db: Db, token: string) {
	const result = await shareAccess(db, token);
	if (result.access === 'none') return { reply: false as const, refusal: result.refusal };
	return { reply: true as const, share: result.share, actor: result.actor };
}

export type ThreadAccess = 'none' | 'read' | 'reply';

/**
 * Access to the thread of one share link for a signed-in person (or the link's own holder):
 *
 * - the link's holder replies while the link opens (shareReplyAccess), and sees nothing after;
 * - the trainer who owns the document reads every thread of it, and replies while the link is live
 *   (revoking the link ends the thread; an archived document is read only);
 * - the client the document is about reads the exchange while their consent covers that provider,
 *   as it would cover sharing the document with them now;
 * - nobody else.
 */
export async function threadAccess(
	db: Db,
	actor: Actor,
	linkId: string,
	now: Clock = () => Date.now()
): Promise<{ access: ThreadAccess; link?: ShareLink; document?: Document; client?: Client | null }> {
	if (actor.kind === 'share-link') {
		if (actor.linkId !== linkId) return { access: 'none' };
		const resolved = await resolveShareLink(db, linkId, now);
		return resolved.ok ? { access: 'reply', link: resolved.share.link, document: resolved.share.document, client: resolved.share.client } : { access: 'none' };
	}
	const [row] = await db.select({ link: shareLinks }).from(shareLinks).where(eq(shareLinks.id, linkId)).limit(1);
	if (!row) return { access: 'none' };
	const { access, document, client } = await documentAccess(db, actor, row.link.documentId, now);
	if (access === 'none' || !document) return { access: 'none' };
	const found = { link: row.link, document, client: client ?? null };
	if (isOwningTrainer(actor, document)) {
		const live = ['active', 'expiring-soon'].includes(linkStatus(row.link, now()));
		return { access: access === 'write' && live ? 'reply' : 'read', ...found };
	}
	if (client && isClientSelf(actor, client)) {
		const covered = consentCovers(await consentState(db, client.id, now), document, row.link.providerName).ok;
		return covered ? { access: 'read', ...found } : { access: 'none' };
	}
	return { access: 'none' };
}

/** What a live connection presents: a signed-in person's session, or a provider's share link. */
export type CollabCredentials = { kind: 'session'; sessionId: string } | { kind: 'share-link'; linkId: string };

/**
 * What a decision rests on, as "<kind>:<id>". Database triggers record every change to these rows
 * (drizzle/0009_access_change_triggers.sql, drizzle/postgres/0001_triggers.sql), and a change to any of them re-decides the
 * connection. A table that a decision here starts to read needs such triggers too, in a new
 * hand-written migration for each database: that is the one thing a new rule must not forget.
 */
export type AccessSubject = `${'session' | 'user' | 'client' | 'document' | 'link'}:${string}`;

export type CollabDecision =
	| {
			access: 'none';
			refusal: Exclude<RefusalReason, 'not-found'>;
			/** For share links: why, for the audit log (never told to the visitor). */
			share?: { reason: ShareRefusal | 'wrong-document'; linkId?: string; clientId?: string };
	  }
	| {
			access: 'read' | 'write';
			actor: Actor;
			/** The client whose document it is; absent for a practice. */
			clientId?: string;
			displayName: string;
			/** When this access ends by itself (session, link or consent end), or null. */
			validUntil: number | null;
			subjects: AccessSubject[];
	  };

function earliest(...moments: Array<number | null | undefined>): number | null {
	const known = moments.filter((moment): moment is number => typeof moment === 'number');
	return known.length ? Math.min(...known) : null;
}

/**
 * Access to one live collaboration document, decided afresh: when the connection opens, and again
 * whenever something it rests on changes or the moment it ends arrives. One function for both, so
 * a connection is never held open by a rule the front door would no longer apply.
 */
export async function collabAccess(db: Db, credentials: CollabCredentials, target: DocumentName, now: Clock = () => Date.now()): Promise<CollabDecision> {
	if (credentials.kind === 'share-link') return shareLinkAccess(db, credentials.linkId, target, now);

	const held = await sessionInForce(db, credentials.sessionId, now);
	if (!held) return { access: 'none', refusal: 'unauthenticated' };
	// Held by the connection as long as it is open: only what decisions read, not the user's row.
	const actor = userActor({ id: held.user.id, role: held.user.role });
	const subjects: AccessSubject[] = [`session:${held.session.id}`, `user:${held.user.id}`];
	const sessionEnds = held.session.expiresAt.getTime();
	const granted = (access: 'read' | 'write', validUntil: number | null, clientId?: string): CollabDecision => ({
		access,
		actor,
		clientId,
		displayName: held.user.name,
		validUntil,
		subjects
	});

	if (target.kind === 'practice') {
		const access = practiceAccess(actor, target.trainerId);
		return access === 'none' ? { access, refusal: 'forbidden' } : granted(access, sessionEnds);
	}
	subjects.push(`document:${target.documentId}`);
	const { access, client } = await documentAccess(db, actor, target.documentId, now);
	if (access === 'none') return { access: 'none', refusal: 'forbidden' };
	// A practice document is about no client: only the trainer's session bounds it.
	if (!client) return granted(access, sessionEnds);
	subjects.push(`client:${client.id}`);
	// A client co-edits under their consent: when it ends they read on, so it is decided again then.
	const consentEnds = isClientSelf(actor, client) ? consentEndsAt(await consentState(db, client.id, now)) : null;
	return granted(access, earliest(sessionEnds, consentEnds), client.id);
}

async function shareLinkAccess(db: Db, linkId: string, target: DocumentName, now: Clock): Promise<CollabDecision> {
	const resolved = await resolveShareLink(db, linkId, now);
	if (!resolved.ok)
		return { access: 'none', refusal: 'link-not-valid', share: { reason: resolved.reason, linkId: resolved.linkId, clientId: resolved.clientId } };
	const { link, document } = resolved.share;
	// A share link opens one document, never a practice's directory and never another document.
	if (target.kind !== 'document' || target.documentId !== document.id) {
		return { access: 'none', refusal: 'link-not-valid', share: { reason: 'wrong-document', linkId: link.id, clientId: link.clientId ?? undefined } };
	}
	// A link made under a client's consent lasts as long as it does; a practice document's needs none.
	const boundTo = link.clientId;
	return {
		access: 'read',
		actor: { kind: 'share-link', linkId: link.id },
		clientId: boundTo ?? undefined,
		displayName: link.providerName,
		validUntil: earliest(link.expiresAt?.getTime(), boundTo ? consentEndsAt(await consentState(db, boundTo, now)) : null),
		subjects: [`link:${link.id}`, `document:${document.id}`, ...(boundTo ? [`client:${boundTo}` as const] : [])]
	};
}
