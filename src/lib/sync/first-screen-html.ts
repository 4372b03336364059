import { Fragment, type Node } from '@tiptap/pm/model';
import type * as Y from 'yjs';
import { readDocumentContent } from '$lib/shared/editor/document-content.ts';
import { documentHTMLOf } from '$lib/shared/editor/document-html.ts';
import { DOCUMENT_FIELD } from '$lib/shared/editor/extensions.ts';

/**
 * How much of the document the first screen holds: more than a tall screen shows, and no more,
 * since every block of it is parsed, styled and then replaced on the critical path (the whole text of
 * a 2,000-paragraph document made the editor 20-40 % later in npm run bench:browser).
 */
export const FIRST_SCREEN_BLOCKS = 60;
export const FIRST_SCREEN_TEXT = 10_000;

/** The document's first blocks, up to FIRST_SCREEN_BLOCKS of them or FIRST_SCREEN_TEXT characters of text. */
export function firstBlocks(doc: Node): Node {
	const kept: Node[] = [];
	let text = 0;
	for (let i = 0; i < doc.childCount; i++) {
		if (kept.length >= FIRST_SCREEN_BLOCKS || text >= FIRST_SCREEN_TEXT) break;
		const block = doc.child(i);
		kept.push(block);
		text += block.textContent.length;
	}
	return doc.copy(Fragment.fromArray(kept));
}

/**
 * The top of the document's text as its first screen: what the schema holds, each node by its own
 * renderHTML, text and attributes escaped (as the share page renders it on the server), so nothing
 * a co-editor wrote can become markup of its own. Loaded only when a first screen is written, off
 * the path that opens the document.
 */
export function firstScreenHTML(doc: Y.Doc): string {
	return documentHTMLOf(firstBlocks(readDocumentContent(doc.getXmlFragment(DOCUMENT_FIELD)).doc));
}
