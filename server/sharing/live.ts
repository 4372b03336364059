import { closeConnectionsWhere } from '../collab/invalidate.ts';
import type { CollabServer } from '../collab/server.ts';

/** Ends the live view of every provider holding one of these links; they reconnect and are refused. */
export function closeShareConnections(collab: CollabServer, linkIds: readonly string[]): number {
	if (linkIds.length === 0) return 0;
	const ids = new Set(linkIds);
	return closeConnectionsWhere(collab.hocuspocus, (context) => context.actor.kind === 'share-link' && ids.has(context.actor.linkId));
}
