import type { DeckPosition } from './deck-channel.ts';

/**
 * The keys a presenter uses, in one table for both windows. Clickers (Logitech, Kensington and the
 * like) present themselves as keyboards and send Page Down and Page Up, some of them "b" or "." to
 * blank the screen, as PowerPoint and Keynote take them; the same keys work here.
 */
export type DeckAction = 'next' | 'previous' | 'first' | 'last' | 'blank' | 'fullscreen' | 'notes';

const ACTIONS: Record<string, DeckAction> = {
	ArrowRight: 'next',
	ArrowDown: 'next',
	PageDown: 'next',
	' ': 'next',
	Enter: 'next',
	ArrowLeft: 'previous',
	ArrowUp: 'previous',
	PageUp: 'previous',
	Backspace: 'previous',
	Home: 'first',
	End: 'last',
	b: 'blank',
	B: 'blank',
	'.': 'blank',
	f: 'fullscreen',
	F: 'fullscreen',
	n: 'notes',
	N: 'notes'
};

/** What a key does, as much of a KeyboardEvent as the decision needs. */
export interface KeyPress {
	key: string;
	altKey?: boolean;
	ctrlKey?: boolean;
	metaKey?: boolean;
	/** Where the key was typed: text fields and buttons keep their own keys. */
	target?: { tagName?: string; isContentEditable?: boolean } | null;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Space and Enter press a focused button or follow a link: they are the control's, not the deck's. */
const ACTIVATES = new Set(['BUTTON', 'A', 'SUMMARY']);

/** A KeyboardEvent's own fields: they are getters on its prototype, which spreading would not copy. */
export function keyPressOf(event: KeyboardEvent): KeyPress {
	const target = event.target as { tagName?: unknown; isContentEditable?: unknown } | null;
	return {
		key: event.key,
		altKey: event.altKey,
		ctrlKey: event.ctrlKey,
		metaKey: event.metaKey,
		target: target && typeof target.tagName === 'string' ? { tagName: target.tagName, isContentEditable: target.isContentEditable === true } : null
	};
}

export function deckActionFor(press: KeyPress): DeckAction | null {
	if (press.altKey || press.ctrlKey || press.metaKey) return null;
	const target = press.target;
	if (target?.isContentEditable || TYPING.has(target?.tagName ?? '')) return null;
	if ((press.key === ' ' || press.key === 'Enter') && ACTIVATES.has(target?.tagName ?? '')) return null;
	return ACTIONS[press.key] ?? null;
}

/** Where a move takes the deck of `count` slides; the same in every window, so both agree. */
export function movedTo(position: DeckPosition, action: 'next' | 'previous' | 'first' | 'last' | 'blank', count: number): DeckPosition {
	const last = Math.max(0, count - 1);
	const index = Math.min(position.index, last);
	switch (action) {
		case 'next':
			return { index: Math.min(index + 1, last), blank: position.blank };
		case 'previous':
			return { index: Math.max(index - 1, 0), blank: position.blank };
		case 'first':
			return { index: 0, blank: position.blank };
		case 'last':
			return { index: last, blank: position.blank };
		case 'blank':
			return { index, blank: !position.blank };
	}
}
