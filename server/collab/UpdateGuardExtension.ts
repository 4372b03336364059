import type { beforeSyncPayload, Extension } from '@hocuspocus/server';
import { UPDATE_REFUSED } from './close-events.ts';
import type { CollabContext } from './context.ts';
import { parseDocumentName } from './document-name.ts';
import { unreadableUpdate, updateProblem } from './update-check.ts';

// y-protocols sync message types, as beforeSync names them.
const SYNC_STEP_2 = 1;
const UPDATE = 2;

/** Thrown to refuse; a plain object, so Hocuspocus logs one line with the reason and no stack. */
export interface UpdateRefusal {
	code: number;
	reason: string;
	detail: string;
}

/**
 * Runs before Yjs applies an incoming update and before persistence appends it: an update it
 * refuses is never stored, applied or relayed. Throwing makes Hocuspocus close that document's
 * connection with UPDATE_REFUSED, which the provider reports in its `close` event; nothing was
 * acknowledged, so the sender's edit stays unsaved on their side, never saved-then-lost.
 */
export class UpdateGuardExtension implements Extension<CollabContext> {
	extensionName = 'update-guard';

	async beforeSync({ connection, type, payload, documentName, document }: beforeSyncPayload<CollabContext>): Promise<void> {
		if (type !== SYNC_STEP_2 && type !== UPDATE) return;
		let problem: string | null;
		if (connection.readOnly) {
			// Hocuspocus applies nothing from a reader, but it does decode a reader's sync step 2.
			problem = type === SYNC_STEP_2 && unreadableUpdate(payload) ? 'unreadable update' : null;
		} else {
			problem = updateProblem(document, payload, { schema: parseDocumentName(documentName)?.kind === 'document' });
		}
		if (problem) throw { ...UPDATE_REFUSED, detail: problem } satisfies UpdateRefusal;
	}
}
