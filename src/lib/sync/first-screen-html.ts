import type { JSONContent } from '@tiptap/core';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import type * as Y from 'yjs';
import { documentJSONOf } from '$lib/shared/editor/document-content.ts';
import { documentExtensions } from '$lib/shared/editor/extensions.ts';

/**
 * How much of the document the first screen holds: more than a tall screen shows, and no more,
 * since every block of it is parsed, styled and then replaced on the critical path (the whole text of
 * a 2,000-paragraph document made the editor 20-40 % later in npm run bench:browser).
 */
export const FIRST_SCREEN_BLOCKS = 60;
export const FIRST_SCREEN_TEXT = 10_000;

function textLength(node: JSONContent): number {
	return (node.text?.length ?? 0) + (node.content ?? []).reduce((sum, child) => sum + textLength(child), 0);
}

/** The document's first blocks, up to FIRST_SCREEN_BLOCKS of them or FIRST_SCREEN_TEXT characters of text. */
export function firstBlocks(doc: JSONContent): JSONContent {
	const kept: JSONContent[] = [];
	let text = 0;
	for (const block of doc.content ?? []) {
		if (kept.length >= FIRST_SCREEN_BLOCKS || text >= FIRST_SCREEN_TEXT) break;
		kept.push(block);
		text += textLength(block);
	}
	return { ...doc, content: kept };
}

/**
 * The top of the document's text as its first screen: what the schema holds, each node by its own
 * renderHTML, text and attributes escaped (Tiptap's static renderer, as the share page renders it
 * on the server), so nothing a co-editor wrote can become markup of its own. Loaded only when a
 * first screen is written, off the path that opens the document.
 */
export function firstScreenHTML(doc: Y.Doc): string {
	return renderToHTMLString({ content: firstBlocks(documentJSONOf(doc)), extensions: documentExtensions });
}
