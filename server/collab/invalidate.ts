import type { Hocuspocus } from '@hocuspocus/server';
import type { CollabContext } from './context.ts';

/** Sent when the server ends a connection because what it was allowed to see has changed. */
export const ACCESS_CHANGED = { code: 4403, reason: 'access-changed' } as const;

/**
 * Closes every live connection whose context matches. Clients reconnect, and onAuthenticate
 * then decides afresh: a revocation is enforced by the same code that lets people in.
 */
export function closeConnectionsWhere(hocuspocus: Hocuspocus<CollabContext>, matches: (context: CollabContext) => boolean): number {
	let closed = 0;
	for (const document of hocuspocus.documents.values()) {
		for (const connection of document.getConnections()) {
			if (matches(connection.context as CollabContext)) {
				connection.close(ACCESS_CHANGED);
				// Closing the socket too makes the provider reconnect and authenticate again; after
				// only a per-document close it would sit on an open socket, neither synced nor told.
				connection.webSocket.close(ACCESS_CHANGED.code, ACCESS_CHANGED.reason);
				closed += 1;
			}
		}
	}
	return closed;
}
