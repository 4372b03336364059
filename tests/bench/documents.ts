// Documents for the benchmarks, shaped as Tiptap stores them (paragraph elements holding text in
// the 'default' fragment), with text that looks like a trainer's notes rather than one repeated byte.
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../src/lib/shared/editor/extensions.ts';

export function noteLine(i: number): string {
	return `Session ${i + 1}: sit-to-stand ×5 in ${(10 + (i % 7) * 0.4).toFixed(1)} s, single-leg balance ${12 + (i % 9)} s on the left; walked ${(0.8 + (i % 5) * 0.1).toFixed(1)} km without rest.`;
}

function appendParagraph(doc: Y.Doc, text: string): void {
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
	fragment.insert(fragment.length, [paragraph]);
}

/** Every update `edit` produces on a fresh document, one per transaction, as a client sends them. */
function recordUpdates(edits: (doc: Y.Doc) => void): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	edits(doc);
	doc.destroy();
	return updates;
}

/** Updates to apply in order; `base` (when there is one) is the state they build on, not counted. */
export interface Workload {
	base: Uint8Array | null;
	updates: Uint8Array[];
}

/** `count` keystrokes typed into one paragraph (which `base` holds), one update each. */
export function typingUpdates(count: number): Workload {
	const [base, ...updates] = recordUpdates((doc) => {
		appendParagraph(doc, '');
		const paragraph = doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement;
		const content = paragraph.get(0) as Y.XmlText;
		const line = noteLine(0);
		for (let i = 0; i < count; i++) content.insert(content.length, line[i % line.length]!);
	});
	return { base: base ?? null, updates };
}

/** `count` paragraphs, each added in its own update. */
export function paragraphUpdates(count: number): Workload {
	return {
		base: null,
		updates: recordUpdates((doc) => {
			for (let i = 0; i < count; i++) appendParagraph(doc, noteLine(i));
		})
	};
}

/** Appends `count` note paragraphs to `doc` in one transaction. */
export function appendNotes(doc: Y.Doc, count: number): void {
	doc.transact(() => {
		for (let i = 0; i < count; i++) appendParagraph(doc, noteLine(i));
	});
}

/** A document of `count` paragraphs; its fixed client id keeps its encoded size the same every run. */
export function documentWithParagraphs(count: number): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = 1;
	appendNotes(doc, count);
	return doc;
}
