import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { AcknowledgementTracker, trackedProviderOptions } from '../../../src/lib/sync/acknowledgements.ts';
import type { RunningServer } from './server.ts';

export interface TestPeer {
	doc: Y.Doc;
	provider: HocuspocusProvider;
	/** The app's own count of what the server acknowledged (src/lib/sync/acknowledgements.ts). */
	acknowledgements: AcknowledgementTracker;
	text: Y.XmlFragment;
	/** Resolves with the server's refusal reason, or never. */
	refused: Promise<string>;
	/** Resolves once the first sync with the server is complete, or never. */
	synced: Promise<void>;
	destroy: () => void;
}

export function documentName(documentId: string): string {
	return `doc:${documentId}`;
}

/** A real @hocuspocus/provider client from Node, as a browser tab would be (field 'default' = Tiptap's). */
/** A WebSocket class that sends `headers` with its upgrade (Node's WebSocket takes them as an option). */
export function webSocketWithHeaders(headers: Record<string, string>): typeof WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL) {
			super(url, { headers } as unknown as string[]);
		}
	};
}

export function connectPeer(
	server: Pick<RunningServer, 'wsUrl'>,
	name: string,
	token: string | null,
	doc = new Y.Doc(),
	headers?: Record<string, string>,
	/** Where the socket really goes (a load balancer in front of several instances); default server.wsUrl. */
	socket?: typeof WebSocket
): TestPeer {
	let onRefused: (reason: string) => void = () => {};
	let onSynced: () => void = () => {};
	const refused = new Promise<string>((resolve) => (onRefused = resolve));
	const synced = new Promise<void>((resolve) => (onSynced = resolve));
	// The tracker's socket class wraps the one that really connects (it is the provider's polyfill).
	const acknowledgements = new AcknowledgementTracker(name, socket ?? (headers ? webSocketWithHeaders(headers) : undefined));
	const provider = new HocuspocusProvider(
		trackedProviderOptions(acknowledgements, {
			url: server.wsUrl,
			name,
			document: doc,
			token,
			onAuthenticationFailed: ({ reason }) => onRefused(reason),
			onSynced: ({ state }) => {
				if (state) onSynced();
			}
		})
	);
	return {
		doc,
		provider,
		acknowledgements,
		text: doc.getXmlFragment('default'),
		refused,
		synced,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Appends a paragraph the way Tiptap would store it. */
export function appendParagraph(peer: TestPeer, text: string): void {
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	peer.text.insert(peer.text.length, [paragraph]);
}

export function paragraphs(doc: Y.Doc): string[] {
	return doc
		.getXmlFragment('default')
		.toArray()
		.map((node) =>
			node instanceof Y.XmlElement
				? node
						.toArray()
						.map((child) => child.toString())
						.join('')
				: ''
		);
}

/** Polls until `check` holds or the bound passes; the bound keeps a broken build from hanging CI. */
export async function eventually(check: () => boolean | Promise<boolean>, { timeoutMs = 10_000, what = 'condition' } = {}): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** Resolves when the server has acknowledged every change this peer sent, as the app counts it. */
export function allSaved(peer: TestPeer, timeoutMs = 10_000): Promise<void> {
	return eventually(() => peer.provider.isSynced && peer.acknowledgements.state.saved, { timeoutMs, what: 'all changes saved' });
}

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);
}

/** Destroys the peer, as a person leaving the document would, and resolves once the server has closed its socket. */
export async function leaveDocument(peer: TestPeer): Promise<void> {
	const socket = peer.provider.configuration.websocketProvider.webSocket;
	const closed = new Promise<void>((resolve) => {
		if (!socket || socket.readyState === WebSocket.CLOSED) resolve();
		else socket.addEventListener('close', () => resolve());
	});
	peer.destroy();
	await within(closed, 10_000, 'the socket to close');
}
