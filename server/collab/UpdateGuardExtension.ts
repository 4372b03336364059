import { inspect } from 'node:util';
import type { beforeSyncPayload, Extension } from '@hocuspocus/server';
import { UPDATE_REFUSED } from './close-events.ts';
import type { CollabContext } from './context.ts';
import { parseDocumentName } from '../../src/lib/shared/collab/document-name.ts';
import type { RefusalLog } from './refusal-log.ts';
import { unreadableUpdate, updateProblem } from './update-check.ts';

// y-protocols sync message types, as beforeSync names them.
const SYNC_STEP_2 = 1;
const UPDATE = 2;

/** Refused updates a socket may send before the socket itself is closed. */
export const REFUSALS_PER_SOCKET = 3;

/**
 * Thrown to refuse. Hocuspocus closes the document connection with `code` and `reason`, and logs
 * what it caught: not an Error, so no stack trace, and printed as one short line.
 */
export class UpdateRefusal {
	readonly code = UPDATE_REFUSED.code;
	readonly reason = UPDATE_REFUSED.reason;
	readonly detail: string;

	constructor(detail: string) {
		this.detail = detail;
	}

	[inspect.custom](): string {
		return `${this.reason}: ${this.detail}`;
	}
}

/**
 * Runs before Yjs applies an incoming update and before persistence appends it: an update it
 * refuses is never stored, applied or relayed. Throwing makes Hocuspocus close that document's
 * connection with UPDATE_REFUSED, which the provider reports in its `close` event; nothing was
 * acknowledged, so the sender's edit stays unsaved on their side, never saved-then-lost.
 */
export class UpdateGuardExtension implements Extension<CollabContext> {
	extensionName = 'update-guard';
	readonly #log: RefusalLog;
	readonly #refusals = new WeakMap<object, number>();

	constructor(log: RefusalLog) {
		this.#log = log;
	}

	async beforeSync({ connection, context, type, payload, documentName, document }: beforeSyncPayload<CollabContext>): Promise<void> {
		if (type !== SYNC_STEP_2 && type !== UPDATE) return;
		let problem: string | null;
		if (connection.readOnly) {
			// Hocuspocus applies nothing from a reader, but it does decode a reader's sync step 2.
			problem = type === SYNC_STEP_2 && unreadableUpdate(payload) ? 'unreadable update' : null;
		} else {
			problem = updateProblem(document, payload, { schema: parseDocumentName(documentName)?.kind === 'document' });
		}
		if (!problem) return;
		// Each refusal costs a log line (Hocuspocus's), so a socket that keeps sending what is
		// refused is closed: the lines stay bounded by sockets, whose number and rate are.
		const transport = context.transport;
		if (transport) {
			const refusals = (this.#refusals.get(transport) ?? 0) + 1;
			this.#refusals.set(transport, refusals);
			if (refusals >= REFUSALS_PER_SOCKET) {
				this.#log.refused(`closed a socket from ${context.address ?? 'unknown'}: ${refusals} refused updates`);
				setImmediate(() => transport.close(UPDATE_REFUSED.code, UPDATE_REFUSED.reason));
			}
		}
		throw new UpdateRefusal(problem);
	}
}
