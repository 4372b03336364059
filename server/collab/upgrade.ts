import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import crossws from 'crossws/adapters/node';
import { clientAddress, type AddressSource } from '../client-address.ts';
import { MALFORMED_FRAME, RATE_LIMITED } from './close-events.ts';
import { frameProblem } from './frame.ts';
import { PresenceRedactingSocket } from './presence.ts';
import type { RefusalLog } from './refusal-log.ts';
import type { SocketLimits, SocketSlot } from './socket-limits.ts';

export const COLLAB_PATH = '/collab';
const COLLAB_URL = `http://localhost${COLLAB_PATH}`;

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>;

const REFUSED_UPGRADE = {
	'too-many-connections': '503 Service Unavailable',
	'too-many-unauthenticated': '429 Too Many Requests'
} as const;

/**
 * Returns an 'upgrade' listener for a Node HTTP server that hands WebSockets on COLLAB_PATH to
 * Hocuspocus (the wiring its own Server class does, on our server and path) and leaves any other
 * upgrade (Vite's HMR socket in development) to other listeners. Every limit that does not need
 * to know who is asking is enforced here, before Hocuspocus buffers or parses anything: the
 * number of sockets, the frame size (in `ws`, from the frame header), the message rate and
 * whether a frame's envelope can be read at all.
 */
export function collabUpgradeHandler(
	// Untyped Hocuspocus: until onAuthenticate, a connection's context holds only what is set here.
	collab: { hocuspocus: Hocuspocus; sockets: SocketLimits; refusals: RefusalLog },
	address: AddressSource
) {
	const { hocuspocus, sockets, refusals: log } = collab;
	interface Entry {
		connection: ClientConnection;
		slot: SocketSlot;
		transport: WebSocketLike;
		/** Set once refused: frames still in flight are dropped, and not logged again. */
		refused: boolean;
	}
	const connections = new WeakMap<object, Entry>();

	const refuse = (entry: Entry, event: { code: number; reason: string }, why: string) => {
		entry.refused = true;
		log.refused(`closed a socket from ${entry.slot.address}: ${why}`);
		entry.transport.close(event.code, event.reason);
	};

	const ws = crossws({
		// `ws` reads a frame's length from its header and closes with 1009 before buffering a longer one.
		serverOptions: { maxPayload: sockets.limits.maxFrameBytes },
		hooks: {
			open(peer) {
				const slot = peer.context.slot as SocketSlot | undefined;
				const transport = new PresenceRedactingSocket(peer.websocket as unknown as WebSocketLike);
				if (!slot) {
					transport.close(1011, 'no slot');
					return;
				}
				sockets.attach(transport, slot);
				const connection = hocuspocus.handleConnection(transport, peer.request, { transport, address: slot.address });
				connections.set(peer, { connection, slot, transport, refused: false });
			},
			message(peer, message) {
				const entry = connections.get(peer);
				if (!entry || entry.refused || entry.slot.released) return;
				if (!sockets.allowMessage(entry.slot)) {
					refuse(entry, RATE_LIMITED, 'too many messages');
					return;
				}
				const data = message.uint8Array();
				const problem = frameProblem(data);
				if (problem) {
					refuse(entry, MALFORMED_FRAME, `${problem} (${data.byteLength} bytes)`);
					return;
				}
				entry.connection.handleMessage(data);
			},
			close(peer, event) {
				connections.get(peer)?.connection.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' });
			},
			error(peer, error) {
				// Mostly a frame over the size limit. `ws` would close politely and go on reading (and
				// discarding) the rest of the frame until the peer's close arrives; cut it off instead.
				peer.terminate();
				const entry = connections.get(peer);
				if (entry?.refused) return;
				if (entry) entry.refused = true;
				log.refused(`socket error from ${entry?.slot.address ?? 'unknown'}: ${error.message}`);
			}
		}
	});

	return (request: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		if (path !== COLLAB_PATH) return false;
		const from = clientAddress(request, address);
		const admission = sockets.admit(from);
		if ('refused' in admission) {
			log.refused(`refused a socket from ${from}: ${admission.refused}`);
			socket.end(`HTTP/1.1 ${REFUSED_UPGRADE[admission.refused]}\r\nRetry-After: 10\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
			return true;
		}
		// The TCP socket closing is the one event every path ends with: a refused upgrade, a close
		// from either side, a frame over the limit.
		socket.once('close', () => sockets.release(admission.slot));
		// crossws hands a request's `context` to the peer: the one way to take the slot along. Of that
		// request crossws reads only `url` (for the peer's namespace) and `context`, and keeps it as
		// long as the socket lives: a real Request (headers, signal, URL) cost 1.5 KiB per socket.
		const carrier = { url: COLLAB_URL, context: { slot: admission.slot } } as unknown as Request;
		void ws.handleUpgrade(request, socket, head, carrier);
		return true;
	};
}
