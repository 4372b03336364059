import { eq } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { clients, documents, type Client, type Document, type User } from './db/schema.ts';

/**
 * The one place that decides who may read and who may write what. SvelteKit routes, form actions
 * and the collaboration server's hooks all ask here; nothing else compares owner ids.
 */

export type Actor = { kind: 'user'; user: Pick<User, 'id' | 'role'> } | { kind: 'anonymous' };

export type Access = 'none' | 'read' | 'write';

export const anonymous: Actor = { kind: 'anonymous' };

export function userActor(user: Pick<User, 'id' | 'role'>): Actor {
	return { kind: 'user', user };
}

function accessToClient(actor: Actor, client: Pick<Client, 'trainerId'>): Access {
	if (actor.kind !== 'user') return 'none';
	if (actor.user.role === 'trainer' && client.trainerId === actor.user.id) return 'write';
	return 'none';
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
): { access: Access; document?: Document; client?: Client } {
	const row = db
		.select({ document: documents, client: clients })
		.from(documents)
		.innerJoin(clients, eq(documents.clientId, clients.id))
		.where(eq(documents.id, documentId))
		.get();
	if (!row) return { access: 'none' };
	const access = accessToClient(actor, row.client);
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

/** Only trainers run a practice: they add clients. */
export function canAddClients(actor: Actor): boolean {
	return actor.kind === 'user' && actor.user.role === 'trainer';
}
