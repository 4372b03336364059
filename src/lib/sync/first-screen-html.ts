import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import type * as Y from 'yjs';
import { documentJSONOf } from '$lib/shared/editor/document-content.ts';
import { documentExtensions } from '$lib/shared/editor/extensions.ts';

/**
 * The document's text as its first screen: what the schema holds, each node by its own renderHTML,
 * text and attributes escaped (Tiptap's static renderer, as the share page renders it on the
 * server), so nothing a co-editor wrote can become markup of its own. Loaded only when a first
 * screen is written, off the path that opens the document.
 */
export function firstScreenHTML(doc: Y.Doc): string {
	return renderToHTMLString({ content: documentJSONOf(doc), extensions: documentExtensions });
}
