import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import crossws from 'crossws/adapters/node';
import { PresenceRedactingSocket } from './presence.ts';

export const COLLAB_PATH = '/collab';

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>;

/**
 * Returns an 'upgrade' listener for a Node HTTP server that hands WebSockets on COLLAB_PATH to
 * Hocuspocus (the wiring its own Server class does, on our server and path) and leaves any other
 * upgrade (Vite's HMR socket in development) to other listeners.
 */
export function collabUpgradeHandler(hocuspocus: Hocuspocus) {
	const connections = new WeakMap<object, ClientConnection>();
	const ws = crossws({
		hooks: {
			open(peer) {
				const transport = new PresenceRedactingSocket(peer.websocket as unknown as WebSocketLike);
				connections.set(peer, hocuspocus.handleConnection(transport, peer.request, { transport }));
			},
			message(peer, message) {
				connections.get(peer)?.handleMessage(message.uint8Array());
			},
			close(peer, event) {
				connections.get(peer)?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' });
			},
			error(peer, error) {
				console.error(`[collab] WebSocket error on ${peer.id}:`, error);
			}
		}
	});

	return (request: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		if (path !== COLLAB_PATH) return false;
		void ws.handleUpgrade(request, socket, head);
		return true;
	};
}
