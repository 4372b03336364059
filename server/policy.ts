import { eq } from 'drizzle-orm';
import { consentState } from './consent/records.ts';
import { resolveShareToken } from './sharing/links.ts';
import type { Db } from './db/client.ts';
import { clients, documents, type Client, type Document, type User } from './db/schema.ts';

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

/** Access to the client record itself: its page, its consent, its invitations. */
function accessToClient(actor: Actor, client: Client): Access {
	if (isTrainerOf(actor, client)) return 'write';
	if (isClientSelf(actor, client)) return 'read';
	return 'none';
}

/** Access to a document about a client: the trainer always; the client reads it, and co-edits under consent. */
function accessToClientDocument(db: Db, actor: Actor, client: Client, document: Document): Access {
	if (isTrainerOf(actor, client)) return 'write';
	if (isClientSelf(actor, client)) {
		if (document.private) return 'none';
		return consentState(db, client.id).coEditing ? 'write' : 'read';
	}
	return 'none';
}

/** A practice document is its trainer's alone. */
function accessToPracticeDocument(actor: Actor, document: Document): Access {
	return actor.kind === 'user' && actor.user.role === 'trainer' && actor.user.id === document.trainerId ? 'write' : 'none';
}

export function clientAccess(db: Db, actor: Actor, clientId: string): { access: Access; client?: Client } {
	const client = db.select().from(clients).where(eq(clients.id, clientId)).get();
	if (!client) return { access: 'none' };
	const access = accessToClient(actor, client);
	return access === 'none' ? { access } : { access, client };
}

export function documentAccess(
	db: Db,
	actor: Actor,
	documentId: string
): { access: Access; document?: Document; client?: Client | null } {
	const row = db
		.select({ document: documents, client: clients })
		.from(documents)
		.leftJoin(clients, eq(documents.clientId, clients.id))
		.where(eq(documents.id, documentId))
		.get();
	if (!row) return { access: 'none' };
	const access = row.client ? accessToClientDocument(db, actor, row.client, row.document) : accessToPracticeDocument(actor, row.document);
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
export function shareAccess(db: Db, token: string) {
	const resolved = resolveShareToken(db, token);
	if (!resolved.ok) return { access: 'none' as const, refusal: resolved };
	return { access: 'read' as const, share: resolved.share, actor: { kind: 'share-link', linkId: resolved.share.link.id } satisfies Actor };
}
