import * as decoding from 'lib0/decoding';

/** Hocuspocus's sync-status message (server/src/types.ts): the server's "applied" answer to a content message. */
const SYNC_STATUS = 8;

function isSyncStatus(data: unknown): boolean {
	if (!(data instanceof Uint8Array) || data.length < 2) return false;
	try {
		const decoder = decoding.createDecoder(data);
		decoding.readVarString(decoder);
		return decoding.readVarUint(decoder) === SYNC_STATUS;
	} catch {
		return false;
	}
}

const STORED: Promise<boolean> = Promise.resolve(true);

/**
 * Holds a socket's acknowledgements back until what they acknowledge is on disk. Hocuspocus
 * applies an update, relays it to the other editors and answers the sender "applied" in one go;
 * the persistence extension lets it relay at once and registers the pending write here, so that
 * the answer to the sender waits for the commit. Answers leave in the order they were written;
 * once a write is refused, no answer leaves this socket again (the socket is being closed, and the
 * client sends everything unanswered once more when it reconnects).
 */
export class AcknowledgementGate {
	#last = STORED;
	#holding = 0;
	#refused = false;

	/** Every acknowledgement sent from now on waits until `stored` resolves; none is sent if it rejects. */
	hold(stored: Promise<unknown>): void {
		const previous = this.#last;
		const next = Promise.all([previous, stored]).then(
			([earlier]) => earlier,
			() => false
		);
		this.#last = next;
		this.#holding++;
		void next.then((stored) => {
			this.#holding--;
			if (!stored) this.#refused = true;
		});
	}

	/** Sends `data` through `send` now, or once the writes it may acknowledge are stored, or never if one was refused. */
	send(data: unknown, send: () => void): void {
		if ((this.#holding === 0 && !this.#refused) || !isSyncStatus(data)) {
			send();
			return;
		}
		if (this.#refused) return;
		void this.#last.then((stored) => {
			if (stored) send();
		});
	}
}
