import type { Connection } from '@hocuspocus/server';
import type { CollabContext } from './context.ts';

/** Sent when the server ends a connection because what it was allowed to see has changed. */
export const ACCESS_CHANGED = { code: 4403, reason: 'access-changed' } as const;

/**
 * Ends one live connection whose access changed. The client reconnects, and onAuthenticate then
 * decides afresh: a narrower access is enforced by the same code that lets people in.
 */
export function closeForAccessChange(connection: Connection<CollabContext>): void {
	connection.close(ACCESS_CHANGED);
	// Closing the socket too makes the provider reconnect and authenticate again; after only a
	// per-document close it would sit on an open socket, neither synced nor told.
	connection.webSocket.close(ACCESS_CHANGED.code, ACCESS_CHANGED.reason);
}
