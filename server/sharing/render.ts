import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import type * as Y from 'yjs';
import { documentJSONOf, readDocumentContent } from '../../src/lib/shared/editor/document-content.ts';
import { documentHTMLOf } from '../../src/lib/shared/editor/document-html.ts';
import { DOCUMENT_FIELD } from '../../src/lib/shared/editor/extensions.ts';

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

/** The document as the schema holds it, as a ProseMirror node: what HTML is rendered from. */
function documentNode(doc: Y.Doc): Node {
	const content = readDocumentContent(doc.getXmlFragment(DOCUMENT_FIELD));
	const skipped = [...content.foreign, ...content.misplaced];
	if (skipped.length > 0) logSkipped(skipped);
	return content.doc;
}

/**
 * HTML from each node's own renderHTML, as the editor draws it, without a DOM emulator; text and
 * attributes escaped, unknown nodes never rendered. Straight from the checked ProseMirror node: no
 * JSON in between, no renderer built per call (Tiptap's static renderer did both, at 4-11x the time
 * of the Yjs-to-JSON conversion in npm run bench).
 */
export function documentHTML(doc: Y.Doc): string {
	return documentHTMLOf(documentNode(doc));
}
