import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { clients, documents } from '$server/db/schema.ts';
import { canRemove, removalState } from '$server/policy.ts';
import { archive, moveToTrash, restore, type RemovalTarget } from '$server/practice/removal.ts';
import { actorOf, requireTrainer } from './access.ts';
import { services } from './services.ts';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/**
 * The client a record belongs to, in whatever state it is (archived, in the trash), for its own
 * trainer only: archive, delete and restore reach records the ordinary access checks no longer do.
 */
export async function requireRemovable(event: Event, target: RemovalTarget) {
	requireTrainer(event);
	const { db } = services();
	const [row] =
		target.kind === 'client'
			? await db
					.select({ client: clients, document: sql<null>`null` })
					.from(clients)
					.where(eq(clients.id, target.id))
					.limit(1)
			: await db
					.select({ client: clients, document: documents })
					.from(documents)
					.leftJoin(clients, eq(documents.clientId, clients.id))
					.where(eq(documents.id, target.id))
					.limit(1);
	// A practice document has no client: its trainer is named on the document itself.
	const owner = row?.document ?? row?.client;
	if (!row || !owner || !canRemove(actorOf(event), owner)) error(404, target.kind === 'client' ? 'Client not found' : 'Document not found');
	const record = row.document ?? row.client;
	if (!record) error(404, 'Not found');
	return { client: row.client, state: removalState(record), purged: !!record.purgedAt };
}

export type RemovalVerb = 'archive' | 'delete' | 'restore';

/**
 * Runs one of archive, delete, restore. The rows change and the policy answers for them at once;
 * the access watcher closes the connections they no longer allow.
 */
export async function changeRemoval(event: Event, target: RemovalTarget, verb: RemovalVerb, redirectTo: (client: { id: string } | null) => string) {
	const { purged, client } = await requireRemovable(event, target);
	if (purged) return fail(410, { removalError: 'This record was purged from the trash and cannot be restored.' });
	const { db } = services();
	const done = await (verb === 'archive' ? archive(db, target) : verb === 'delete' ? moveToTrash(db, target) : restore(db, target));
	if (!done) return fail(409, { removalError: 'Nothing changed: the record was changed elsewhere. Reload to see it as it is now.' });
	redirect(303, redirectTo(client));
}
