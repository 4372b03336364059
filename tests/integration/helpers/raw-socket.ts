import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RunningServer } from './server.ts';

/** A frame as a Hocuspocus provider lays it out: the document address, then the message. */
export function frame(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, documentName);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export function authFrame(documentName: string, token: string): Uint8Array {
	return frame(documentName, (e) => {
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint(e, 0);
		encoding.writeVarString(e, token);
		encoding.writeVarString(e, '4.0.0');
	});
}

/** A y-protocols sync message (0 = step 1, 1 = step 2, 2 = update) carrying `payload`. */
export function syncFrame(documentName: string, step: number, payload: Uint8Array): Uint8Array {
	return frame(documentName, (e) => {
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, step);
		encoding.writeVarUint8Array(e, payload);
	});
}

export type AuthAnswer = { authenticated: string } | { denied: string };

/**
 * A bare WebSocket to /collab, as an attacker would hold one: it sends whatever bytes it is given
 * and records what comes back and how it closed.
 */
export class RawSocket {
	readonly socket: WebSocket;
	readonly received: Uint8Array[] = [];
	readonly closed: Promise<{ code: number; reason: string }>;
	#waiters: (() => void)[] = [];

	private constructor(socket: WebSocket) {
		this.socket = socket;
		socket.binaryType = 'arraybuffer';
		socket.addEventListener('message', (event) => {
			if (event.data instanceof ArrayBuffer) this.received.push(new Uint8Array(event.data));
			for (const wake of this.#waiters.splice(0)) wake();
		});
		this.closed = new Promise((resolve) => socket.addEventListener('close', (event) => resolve({ code: event.code, reason: event.reason })));
	}

	/** Resolves once open; rejects when the server refuses the upgrade. */
	static open(server: RunningServer, headers: Record<string, string> = {}): Promise<RawSocket> {
		const socket = new WebSocket(server.wsUrl, { headers: { origin: server.url, ...headers } } as unknown as string[]);
		return new Promise((resolve, reject) => {
			socket.addEventListener('open', () => resolve(new RawSocket(socket)), { once: true });
			socket.addEventListener('error', () => reject(new Error('the upgrade was refused')), { once: true });
		});
	}

	send(data: Uint8Array): void {
		if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data as Uint8Array<ArrayBuffer>);
	}

	get isOpen(): boolean {
		return this.socket.readyState === WebSocket.OPEN;
	}

	/** Sends the token for `documentName` and waits for the server's answer (or the socket's end). */
	async authenticate(documentName: string, token: string, timeoutMs = 10_000): Promise<AuthAnswer | { closed: number }> {
		const from = this.received.length;
		this.send(authFrame(documentName, token));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			for (const message of this.received.slice(from)) {
				const decoder = decoding.createDecoder(message);
				decoding.readVarString(decoder);
				if (decoding.readVarUint(decoder) !== 2) continue;
				const kind = decoding.readVarUint(decoder);
				const text = decoding.readVarString(decoder);
				return kind === 2 ? { authenticated: text } : { denied: text };
			}
			if (!this.isOpen) return { closed: (await this.closed).code };
			if (Date.now() > deadline) throw new Error('no answer to the authentication');
			await Promise.race([new Promise<void>((resolve) => this.#waiters.push(resolve)), this.closed, new Promise((resolve) => setTimeout(resolve, 50))]);
		}
	}

	/**
	 * Resolves with the reason of the server's Close message for a document (Hocuspocus's way of
	 * ending one document's connection on a socket), or with null when the socket closes first.
	 */
	async documentClosed(timeoutMs = 10_000, from = 0): Promise<string | null> {
		const deadline = Date.now() + timeoutMs;
		for (let seen = from; ;) {
			for (; seen < this.received.length; seen++) {
				const decoder = decoding.createDecoder(this.received[seen]!);
				decoding.readVarString(decoder);
				if (decoding.readVarUint(decoder) === 7) return decoding.readVarString(decoder);
			}
			if (!this.isOpen) return null;
			if (Date.now() > deadline) throw new Error('the document connection was not closed');
			await Promise.race([new Promise<void>((resolve) => this.#waiters.push(resolve)), this.closed, new Promise((resolve) => setTimeout(resolve, 50))]);
		}
	}

	close(): void {
		this.socket.close();
	}
}
