import { generateHTML } from '@tiptap/html/server';
import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { DOCUMENT_FIELD, documentExtensions } from '../../src/lib/editor/extensions.ts';

export function documentJSON(doc: Y.Doc): JSONContent {
	const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD)) as JSONContent;
	return json.content?.length ? json : { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** HTML from the document schema's own serialiser: text is escaped, unknown nodes never render. */
export function documentHTML(doc: Y.Doc): string {
	return generateHTML(documentJSON(doc), documentExtensions);
}
