import type { JSONContent } from '@tiptap/core';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import type * as Y from 'yjs';
import { documentJSONOf } from '../../src/lib/shared/editor/document-content.ts';
import { documentExtensions } from '../../src/lib/shared/editor/extensions.ts';

const LOG_EVERY_MS = 60_000;
let lastLogged = 0;
let unlogged = 0;

/** What rendering left out, for whoever reads the log; a line a minute at most, whatever is viewed. */
function logSkipped(skipped: string[]): void {
	const now = Date.now();
	if (now - lastLogged < LOG_EVERY_MS) {
		unlogged += 1;
		return;
	}
	const also = unlogged > 0 ? ` (and ${unlogged} more renders skipped content since the last line)` : '';
	console.warn(`[render] left out what the document schema does not hold: ${skipped.slice(0, 5).join(', ').slice(0, 300)}${also}`);
	lastLogged = now;
	unlogged = 0;
}

/** The document as the schema holds it: whatever a co-editor sent, this never throws. */
export function documentJSON(doc: Y.Doc): JSONContent {
	return documentJSONOf(doc, logSkipped);
}

/**
 * HTML from each node's own renderHTML, as the editor draws it, without a DOM emulator (Tiptap's
 * static renderer: a string per node, text and attributes escaped); unknown nodes never render.
 */
export function documentHTML(doc: Y.Doc): string {
	return renderToHTMLString({ content: documentJSON(doc), extensions: documentExtensions });
}
