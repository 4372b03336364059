import type { connectedPayload, Extension } from '@hocuspocus/server';
import type { CollabContext } from './context.ts';
import type { SocketLimits } from './socket-limits.ts';

/**
 * The socket-level limits live in upgrade.ts, where frames arrive; this tells them when a socket
 * has authenticated a document, so it stops counting against its address's unauthenticated cap.
 */
export class LimitsExtension implements Extension<CollabContext> {
	extensionName = 'limits';
	readonly #sockets: SocketLimits;

	constructor(sockets: SocketLimits) {
		this.#sockets = sockets;
	}

	async connected({ context }: connectedPayload<CollabContext>): Promise<void> {
		this.#sockets.authenticated(context.transport);
	}
}
