/**
 * Keeps the presenter's window and the audience's window on the same slide. Both are pages of this
 * origin in one browser, so a BroadcastChannel carries a move from either to the other at once,
 * without the server; each window reads the slides themselves from its own copy of the live Y.Doc.
 * A window that opens asks where the talk is ("hello") and any window already open answers.
 */
export interface DeckPosition {
	index: number;
	/** The audience screen shows black (the "b" key), as presentation programs do. */
	blank: boolean;
}

type DeckMessage = { type: 'hello' } | { type: 'position'; position: DeckPosition };

/** A deck longer than this is not a talk: a message beyond it is not one of ours. */
const MAX_INDEX = 10_000;

export const deckChannelName = (documentId: string) => `bridgework:deck:${documentId}`;

/** Only a well-formed message moves the deck: another script of the origin may post anything. */
export function readDeckMessage(data: unknown): DeckMessage | null {
	if (typeof data !== 'object' || data === null) return null;
	const message = data as { type?: unknown; position?: { index?: unknown; blank?: unknown } };
	if (message.type === 'hello') return { type: 'hello' };
	if (message.type !== 'position' || typeof message.position !== 'object' || message.position === null) return null;
	const { index, blank } = message.position;
	if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > MAX_INDEX || typeof blank !== 'boolean') return null;
	return { type: 'position', position: { index, blank } };
}

export class DeckChannel {
	private readonly channel: BroadcastChannel;

	/**
	 * `onMove`: another window moved the deck. `current`: where this window is, for a window that
	 * asks on opening.
	 */
	constructor(documentId: string, onMove: (position: DeckPosition) => void, current: () => DeckPosition) {
		this.channel = new BroadcastChannel(deckChannelName(documentId));
		this.channel.onmessage = (event: MessageEvent) => {
			const message = readDeckMessage(event.data);
			if (message?.type === 'hello') this.move(current());
			else if (message?.type === 'position') onMove(message.position);
		};
	}

	/**
	 * Tells the other windows where this one moved to (a BroadcastChannel does not echo to its
	 * sender). A plain copy: a component's state is a Proxy, which the structured clone refuses.
	 */
	move(position: DeckPosition): void {
		this.channel.postMessage({ type: 'position', position: { index: position.index, blank: position.blank } } satisfies DeckMessage);
	}

	/** Asks the windows already open where the talk is. */
	hello(): void {
		this.channel.postMessage({ type: 'hello' } satisfies DeckMessage);
	}

	close(): void {
		this.channel.close();
	}
}
