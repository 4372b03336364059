/**
 * Small constructors for ProseMirror JSON, so templates read as the document they produce.
 * A string is plain text; `bold`/`italic` make marked text; empty strings are dropped, because
 * ProseMirror refuses empty text nodes.
 */

export interface PMMark {
	type: string;
}

export interface PMNode {
	type: string;
	attrs?: Record<string, unknown>;
	content?: PMNode[];
	text?: string;
	marks?: PMMark[];
}

export type Inline = string | PMNode;

function inline(parts: Inline[]): PMNode[] {
	return parts
		.map((part) => (typeof part === 'string' ? { type: 'text', text: part } : part))
		.filter((node) => node.type !== 'text' || (node.text ?? '') !== '');
}

function withContent(node: PMNode, content: PMNode[]): PMNode {
	return content.length > 0 ? { ...node, content } : node;
}

export const doc = (...blocks: PMNode[]): PMNode => ({ type: 'doc', content: blocks });

export const heading = (level: 1 | 2 | 3, ...parts: Inline[]): PMNode => withContent({ type: 'heading', attrs: { level } }, inline(parts));

export const paragraph = (...parts: Inline[]): PMNode => withContent({ type: 'paragraph' }, inline(parts));

export const bold = (text: string): PMNode => ({ type: 'text', text, marks: [{ type: 'bold' }] });

export const italic = (text: string): PMNode => ({ type: 'text', text, marks: [{ type: 'italic' }] });

/** A prompt for the trainer to replace (see src/lib/shared/editor/prompt-mark.ts). */
export const prompt = (text: string): PMNode => ({ type: 'text', text, marks: [{ type: 'prompt' }] });

export const lineBreak = (): PMNode => ({ type: 'hardBreak' });

/** Lines kept together in one paragraph (an address block, a signature). */
export const lines = (...rows: Inline[][]): PMNode => paragraph(...rows.flatMap((row, index) => (index === 0 ? row : [lineBreak(), ...row])));

type Item = Inline | Inline[];
const itemParts = (item: Item): Inline[] => (Array.isArray(item) ? item : [item]);

export const bulletList = (...items: Item[]): PMNode => ({
	type: 'bulletList',
	content: items.map((item) => ({ type: 'listItem', content: [paragraph(...itemParts(item))] }))
});

export const orderedList = (...items: Item[]): PMNode => ({
	type: 'orderedList',
	attrs: { start: 1 },
	content: items.map((item) => ({ type: 'listItem', content: [paragraph(...itemParts(item))] }))
});

/** Tick boxes: choices on a form, reasons on a discharge summary. */
export const checklist = (...items: Item[]): PMNode => ({
	type: 'taskList',
	content: items.map((item) => ({ type: 'taskItem', attrs: { checked: false }, content: [paragraph(...itemParts(item))] }))
});

export const quote = (...blocks: PMNode[]): PMNode => ({ type: 'blockquote', content: blocks });

export const rule = (): PMNode => ({ type: 'horizontalRule' });

/** A line to write on, for forms that are printed and filled in by hand. */
export const BLANK = '____________________';

/** A table whose first row names the columns; every cell holds one paragraph. */
export const table = (header: Inline[], ...rows: Inline[][]): PMNode => ({
	type: 'table',
	content: [
		{ type: 'tableRow', content: header.map((cell) => ({ type: 'tableHeader', content: [paragraph(cell)] })) },
		...rows.map((row) => ({ type: 'tableRow', content: row.map((cell) => ({ type: 'tableCell', content: [paragraph(cell)] })) }))
	]
});
