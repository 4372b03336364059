import type { JSONContent } from '@tiptap/core';

/**
 * Splits a document into slides for the presenter view: a new slide at every top-level heading of
 * level 1 or 2, so a Lunch & Learn outline (title, then one section per level-2 heading) reads as a
 * deck without any slide markup. A top-level quote that starts with "Notes:" is a speaker note.
 */

/** Tiptap's JSON form of a node, as y-tiptap reads it out of the Y.Doc. */
export type JSONNode = JSONContent;

export interface Slide {
	title: string;
	content: JSONNode[];
	notes: JSONNode[];
}

const SPLIT_LEVEL = 2;

export function textOf(node: JSONNode): string {
	if (node.type === 'text') return node.text ?? '';
	if (node.type === 'hardBreak') return ' ';
	return (node.content ?? []).map(textOf).join('');
}

function isSplit(node: JSONNode): boolean {
	const level = node.attrs?.level;
	return node.type === 'heading' && typeof level === 'number' && level <= SPLIT_LEVEL;
}

function isNote(node: JSONNode): boolean {
	return node.type === 'blockquote' && /^\s*notes?\s*:/i.test(textOf(node));
}

function isEmpty(node: JSONNode): boolean {
	return node.type === 'paragraph' && textOf(node).trim() === '';
}

export function splitIntoSlides(doc: JSONNode): Slide[] {
	const slides: Slide[] = [];
	let current: Slide | undefined;
	for (const node of doc.content ?? []) {
		if (isSplit(node) || !current) {
			current = { title: isSplit(node) ? textOf(node).trim() : '', content: [], notes: [] };
			slides.push(current);
		}
		if (isNote(node)) current.notes.push(node);
		else if (!isEmpty(node)) current.content.push(node);
	}
	return slides.filter((slide) => slide.content.length > 0 || slide.notes.length > 0);
}
