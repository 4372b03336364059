import type { BrowserContext, WebSocketRoute } from '@playwright/test';

/**
 * Takes a browser context off the network for real. Chromium's offline mode alone does not stop a
 * service worker's own fetches, and leaves open WebSockets open; here every HTTP request (the
 * service worker's included) fails and every /collab socket is closed while offline.
 */
export class Network {
	#offline = false;
	/** Bytes the server has sent on /collab sockets so far (a benchmark reads how much a sync took). */
	receivedBytes = 0;
	readonly #sockets = new Set<WebSocketRoute>();
	readonly #context: BrowserContext;

	private constructor(context: BrowserContext) {
		this.#context = context;
	}

	static async of(context: BrowserContext): Promise<Network> {
		const network = new Network(context);
		await context.routeWebSocket(/\/collab$/, (socket) => {
			if (network.#offline) {
				void socket.close({ code: 1006, reason: 'offline' });
				return;
			}
			const server = socket.connectToServer();
			// Forwarded as it came, counted on the way.
			server.onMessage((message) => {
				network.receivedBytes += typeof message === 'string' ? Buffer.byteLength(message) : message.length;
				socket.send(message);
			});
			network.#sockets.add(socket);
			socket.onClose(() => network.#sockets.delete(socket));
		});
		await context.route('**/*', (route) => (network.#offline ? route.abort('internetdisconnected') : route.fallback()));
		return network;
	}

	async offline(): Promise<void> {
		this.#offline = true;
		await this.#context.setOffline(true);
		await Promise.all([...this.#sockets].map((socket) => socket.close({ code: 1006, reason: 'offline' })));
	}

	async online(): Promise<void> {
		this.#offline = false;
		await this.#context.setOffline(false);
	}
}
