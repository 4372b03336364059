import type { CompleteHocuspocusProviderWebsocketConfiguration, HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';

/**
 * Whether the server has acknowledged every update this device sent, counted on the socket itself.
 *
 * @hocuspocus/provider's own unsynced counter cannot say so: 4.8 sets it to 1 on every connect,
 * so after a reconnect the acknowledgement of the first of several queued updates brings it to 0
 * while the rest are still in flight. Here each socket counts what it carried: every sync message
 * with document content this device wrote to it (SyncStep2, Update), and every sync-status reply
 * the server sent back on it (one per such message, in order). "Saved" means: the socket is open,
 * this device's SyncStep2 answer to the server's state vector went out on it (so everything from
 * before this connection is in it), and every content message written to it has been answered
 * "applied". A new socket starts from zero; nothing from an earlier one counts.
 */

/** y-protocols and Hocuspocus message numbers (provider/src/types.ts, y-protocols/sync). */
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_STATUS = 8;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The server's close code when it could not store an update (server/collab/PersistenceExtension.ts). */
export const STORAGE_UNAVAILABLE_CODE = 4503;

interface Header {
	documentName: string;
	type: number;
	decoder: decoding.Decoder;
}

function header(data: unknown): Header | null {
	const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
	// One-byte frames are connection pings and pongs, without a document name.
	if (!bytes || bytes.length < 2) return null;
	try {
		const decoder = decoding.createDecoder(bytes);
		const address = decoding.readVarString(decoder);
		// A session-aware address is "documentName\0sessionId".
		const documentName = address.split('\0')[0] ?? address;
		return { documentName, type: decoding.readVarUint(decoder), decoder };
	} catch {
		return null;
	}
}

export interface AcknowledgementState {
	/** The server has acknowledged everything this device has sent or has to send. */
	saved: boolean;
	/** Since the last time everything was saved, the server refused to store an update. */
	storageRefused: boolean;
}

type SocketConstructor = new (url: string | URL, protocols?: string | string[]) => WebSocket;

export class AcknowledgementTracker {
	readonly #documentName: string;
	readonly #listeners = new Set<(state: AcknowledgementState) => void>();
	#socket: WebSocket | null = null;
	#open = false;
	#baseSent = false;
	#sent = 0;
	#acked = 0;
	#declined = false;
	#storageRefused = false;

	/** Give this to the provider as `WebSocketPolyfill`: its sockets report what they carry. */
	readonly WebSocket: SocketConstructor;

	constructor(documentName: string, Base: SocketConstructor = globalThis.WebSocket) {
		this.#documentName = documentName;
		// The socket class is defined here so that it reports to this tracker.
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the nested class's own `this` is the socket
		const tracker = this;
		this.WebSocket = class CountingWebSocket extends Base {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols);
				tracker.#attach(this);
			}
			override send(data: string | ArrayBuffer | Blob | ArrayBufferView<ArrayBuffer>): void {
				super.send(data);
				tracker.#outgoing(this, data);
			}
		};
	}

	get state(): AcknowledgementState {
		return { saved: this.#saved(), storageRefused: this.#storageRefused };
	}

	subscribe(listener: (state: AcknowledgementState) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#saved(): boolean {
		return this.#open && this.#baseSent && !this.#declined && this.#acked === this.#sent;
	}

	#changed(): void {
		if (this.#saved()) this.#storageRefused = false;
		const state = this.state;
		for (const listener of this.#listeners) listener(state);
	}

	#attach(socket: WebSocket): void {
		this.#socket = socket;
		this.#open = false;
		this.#baseSent = false;
		this.#sent = 0;
		this.#acked = 0;
		this.#declined = false;
		socket.addEventListener('open', () => {
			if (socket !== this.#socket) return;
			this.#open = true;
			this.#changed();
		});
		socket.addEventListener('message', (event: MessageEvent) => this.#incoming(socket, event.data));
		socket.addEventListener('close', (event: CloseEvent) => {
			if (socket !== this.#socket) return;
			this.#open = false;
			if (event.code === STORAGE_UNAVAILABLE_CODE) this.#storageRefused = true;
			this.#changed();
		});
		this.#changed();
	}

	#outgoing(socket: WebSocket, data: unknown): void {
		if (socket !== this.#socket) return;
		const message = header(data);
		if (!message || message.documentName !== this.#documentName || message.type !== MESSAGE_SYNC) return;
		const step = decoding.readVarUint(message.decoder);
		if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return;
		if (step === SYNC_STEP_2) this.#baseSent = true;
		this.#sent += 1;
		this.#changed();
	}

	#incoming(socket: WebSocket, data: unknown): void {
		if (socket !== this.#socket) return;
		const message = header(data);
		if (!message || message.documentName !== this.#documentName || message.type !== MESSAGE_SYNC_STATUS) return;
		// "Not applied" (a read-only connection's change) stays unsaved for the life of this socket.
		if (decoding.readVarInt(message.decoder) === 1) this.#acked += 1;
		else this.#declined = true;
		this.#changed();
	}
}

/**
 * Provider options that use the tracker's sockets. A provider given `url` builds its socket from
 * these same options (HocuspocusProvider.setConfiguration), WebSocketPolyfill included; its types
 * just do not list that option for the `url` form.
 */
export function trackedProviderOptions(
	tracker: AcknowledgementTracker,
	options: HocuspocusProviderConfiguration
): HocuspocusProviderConfiguration & Pick<CompleteHocuspocusProviderWebsocketConfiguration, 'WebSocketPolyfill'> {
	return { ...options, WebSocketPolyfill: tracker.WebSocket };
}
