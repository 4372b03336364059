import { afterEach, describe, expect, it } from 'vitest';
import { DeckChannel, readDeckMessage, deckChannelName, type DeckPosition } from './deck-channel.ts';

// Node has BroadcastChannel as browsers do: two channels of one name in one process talk as two windows would.
const open: (DeckChannel | BroadcastChannel)[] = [];
afterEach(() => {
	for (const channel of open.splice(0)) channel.close();
});

function windowAt(documentId: string, start: DeckPosition) {
	const state = { position: start, moves: 0 };
	const channel = new DeckChannel(
		documentId,
		(position) => {
			state.position = position;
			state.moves++;
		},
		() => state.position
	);
	open.push(channel);
	return { state, channel };
}

describe('the deck channel between the presenter and the audience', () => {
	it('moves the other window, either way, and only windows of the same document', async () => {
		const presenter = windowAt('doc-1', { index: 0, blank: false });
		const audience = windowAt('doc-1', { index: 0, blank: false });
		const otherTalk = windowAt('doc-2', { index: 0, blank: false });
		presenter.state.position = { index: 3, blank: false };
		presenter.channel.move(presenter.state.position);
		await expect.poll(() => audience.state.position).toEqual({ index: 3, blank: false });
		audience.state.position = { index: 2, blank: true };
		audience.channel.move(audience.state.position);
		await expect.poll(() => presenter.state.position).toEqual({ index: 2, blank: true });
		expect(otherTalk.state.moves).toBe(0);
	});

	it('tells a window that opens late where the talk is', async () => {
		windowAt('doc-3', { index: 5, blank: false });
		const late = windowAt('doc-3', { index: 0, blank: false });
		late.channel.hello();
		await expect.poll(() => late.state.position).toEqual({ index: 5, blank: false });
	});

	it('ignores messages that are not a position or a greeting', async () => {
		const audience = windowAt('doc-4', { index: 1, blank: false });
		const stranger = new BroadcastChannel(deckChannelName('doc-4'));
		open.push(stranger);
		for (const junk of ['next', { type: 'position', position: { index: -1, blank: false } }, { type: 'position', position: { index: 2.5, blank: false } }]) {
			stranger.postMessage(junk);
		}
		stranger.postMessage({ type: 'position', position: { index: 4, blank: false, extra: 'kept out' } });
		await expect.poll(() => audience.state.position).toEqual({ index: 4, blank: false });
		expect(audience.state.moves).toBe(1);
		expect(readDeckMessage({ type: 'position', position: { index: 1e9, blank: false } })).toBeNull();
		expect(readDeckMessage({ type: 'position', position: { index: 1, blank: 'yes' } })).toBeNull();
	});
});

describe('a window whose position is a component’s state', () => {
	it('answers a greeting with a copy, since a Proxy cannot be posted', async () => {
		const state = new Proxy({ index: 6, blank: true }, {});
		const presenter = new DeckChannel(
			'doc-5',
			() => {},
			() => state
		);
		open.push(presenter);
		const late = windowAt('doc-5', { index: 0, blank: false });
		late.channel.hello();
		await expect.poll(() => late.state.position).toEqual({ index: 6, blank: true });
	});
});
