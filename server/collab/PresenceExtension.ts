import type { beforeHandleAwarenessPayload, Extension } from '@hocuspocus/server';
import type { CollabContext } from './context.ts';
import { sanitiseEditorState } from './presence.ts';

/**
 * Presence (carets, names) is for people who write. Hocuspocus applies awareness from read-only
 * connections like any other; here a reader's is dropped, and an editor's is cut down to a name,
 * a colour and a caret, so no client can put anything else in front of the others.
 */
export class PresenceExtension implements Extension<CollabContext> {
	extensionName = 'presence';

	async beforeHandleAwareness({ connection, states }: beforeHandleAwarenessPayload<CollabContext>): Promise<void> {
		if (!connection) return;
		// Emptied rather than thrown: an error here would close the reader's connection.
		if (connection.readOnly) {
			states.clear();
			return;
		}
		for (const [clientId, state] of states) {
			states.set(clientId, sanitiseEditorState(state) as typeof state);
		}
	}
}
