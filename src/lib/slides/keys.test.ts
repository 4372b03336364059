import { describe, expect, it } from 'vitest';
import { deckActionFor, movedTo } from './keys.ts';

describe('the presenter keys', () => {
	it('go forward on Right, Down, Page Down (a clicker), Space and Enter', () => {
		for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']) expect(deckActionFor({ key }), key).toBe('next');
	});

	it('go back on Left, Up, Page Up (a clicker) and Backspace; Home and End go to the ends', () => {
		for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']) expect(deckActionFor({ key }), key).toBe('previous');
		expect(deckActionFor({ key: 'Home' })).toBe('first');
		expect(deckActionFor({ key: 'End' })).toBe('last');
	});

	it('blank the audience screen on b or the full stop, as presentation programs do', () => {
		expect(deckActionFor({ key: 'b' })).toBe('blank');
		expect(deckActionFor({ key: 'B' })).toBe('blank');
		expect(deckActionFor({ key: '.' })).toBe('blank');
		expect(deckActionFor({ key: 'f' })).toBe('fullscreen');
		expect(deckActionFor({ key: 'n' })).toBe('notes');
	});

	it('leave other keys, shortcuts with modifiers, and keys typed into a field alone', () => {
		expect(deckActionFor({ key: 'x' })).toBeNull();
		expect(deckActionFor({ key: 'ArrowRight', altKey: true })).toBeNull();
		expect(deckActionFor({ key: 'End', ctrlKey: true })).toBeNull();
		expect(deckActionFor({ key: 'b', metaKey: true })).toBeNull();
		expect(deckActionFor({ key: 'ArrowRight', target: { tagName: 'INPUT' } })).toBeNull();
		expect(deckActionFor({ key: 'Backspace', target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
	});

	it('let Space and Enter press the focused button or link, and still move on from anywhere else', () => {
		expect(deckActionFor({ key: ' ', target: { tagName: 'BUTTON' } })).toBeNull();
		expect(deckActionFor({ key: 'Enter', target: { tagName: 'A' } })).toBeNull();
		expect(deckActionFor({ key: 'PageDown', target: { tagName: 'BUTTON' } })).toBe('next');
		expect(deckActionFor({ key: 'Enter', target: { tagName: 'SECTION' } })).toBe('next');
	});
});

describe('moving the deck', () => {
	const at = (index: number, blank = false) => ({ index, blank });

	it('stops at the first and the last slide', () => {
		expect(movedTo(at(0), 'previous', 8)).toEqual(at(0));
		expect(movedTo(at(7), 'next', 8)).toEqual(at(7));
		expect(movedTo(at(3), 'next', 8)).toEqual(at(4));
		expect(movedTo(at(3), 'first', 8)).toEqual(at(0));
		expect(movedTo(at(3), 'last', 8)).toEqual(at(7));
	});

	it('blanks and unblanks without moving, and keeps a blank screen blank while moving', () => {
		expect(movedTo(at(2), 'blank', 8)).toEqual(at(2, true));
		expect(movedTo(at(2, true), 'blank', 8)).toEqual(at(2));
		expect(movedTo(at(2, true), 'next', 8)).toEqual(at(3, true));
	});

	it('comes back inside a deck that got shorter while it was on a later slide', () => {
		expect(movedTo(at(9), 'previous', 5)).toEqual(at(3));
		expect(movedTo(at(4), 'next', 0)).toEqual(at(0));
	});
});
