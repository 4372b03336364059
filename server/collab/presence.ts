import type { WebSocketLike } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AcknowledgementGate } from './acknowledgement-gate.ts';

// Hocuspocus message: varString document address, varUint type, then the payload; awareness is
// type 1 and its payload one varUint8Array in y-protocols' awareness update format.
const AWARENESS = 1;

/** What an editor may announce to the others: a name and colour for the caret, and the caret. */
export function sanitiseEditorState(state: unknown): Record<string, unknown> | null {
	if (!state || typeof state !== 'object') return null;
	const { user, cursor } = state as { user?: { name?: unknown; color?: unknown }; cursor?: unknown };
	const clean: Record<string, unknown> = {};
	if (user && typeof user === 'object') {
		clean.user = {
			name: typeof user.name === 'string' ? user.name.slice(0, 120) : 'Someone',
			color: typeof user.color === 'string' && /^[#\w(),.%\s-]{1,40}$/.test(user.color) ? user.color : '#555'
		};
	}
	if (cursor !== undefined) clean.cursor = cursor;
	return clean;
}

/** What a read-only viewer (a provider) may learn of the editors: their display names, nothing else. */
function namesOnly(json: string): string {
	if (json === 'null') return json;
	try {
		const state = JSON.parse(json) as { user?: { name?: unknown } } | null;
		const name = state?.user && typeof state.user.name === 'string' ? state.user.name : null;
		return JSON.stringify(name ? { user: { name } } : {});
	} catch {
		return '{}';
	}
}

/** Rewrites an outgoing awareness message to names only; any other message passes unchanged. */
export function redactAwarenessMessage(message: Uint8Array): Uint8Array {
	try {
		const decoder = decoding.createDecoder(message);
		const address = decoding.readVarString(decoder);
		if (decoding.readVarUint(decoder) !== AWARENESS) return message;
		const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
		const rewritten = encoding.createEncoder();
		const count = decoding.readVarUint(update);
		encoding.writeVarUint(rewritten, count);
		for (let i = 0; i < count; i++) {
			encoding.writeVarUint(rewritten, decoding.readVarUint(update)); // client id
			encoding.writeVarUint(rewritten, decoding.readVarUint(update)); // clock
			encoding.writeVarString(rewritten, namesOnly(decoding.readVarString(update)));
		}
		const out = encoding.createEncoder();
		encoding.writeVarString(out, address);
		encoding.writeVarUint(out, AWARENESS);
		encoding.writeVarUint8Array(out, encoding.toUint8Array(rewritten));
		return encoding.toUint8Array(out);
	} catch {
		// Not something we can read: send nothing rather than something we could not redact.
		return new Uint8Array();
	}
}

/**
 * The socket Hocuspocus writes to. Once a connection on it is known to be read-only, every
 * awareness message it sends is cut down to names — including the snapshot Hocuspocus sends the
 * moment a connection is set up, before any hook could step in. Its acknowledgements wait for the
 * writes they acknowledge (acknowledgement-gate.ts).
 */
export class PresenceRedactingSocket implements WebSocketLike {
	readonly #inner: WebSocketLike;
	#redacting = false;
	readonly acknowledgements = new AcknowledgementGate();

	constructor(inner: WebSocketLike) {
		this.#inner = inner;
	}

	get readyState(): number {
		return this.#inner.readyState;
	}

	redactPresence(): void {
		this.#redacting = true;
	}

	send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
		if (this.#redacting && data instanceof Uint8Array) {
			const redacted = redactAwarenessMessage(data);
			if (redacted.length > 0) this.#inner.send(redacted);
			return;
		}
		// A held acknowledgement may come due after the socket closed: then it has nobody to reach.
		this.acknowledgements.send(data, () => {
			if (this.#inner.readyState === 1) this.#inner.send(data);
		});
	}

	close(code?: number, reason?: string): void {
		this.#inner.close(code, reason);
	}
}
