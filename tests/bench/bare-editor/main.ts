// The baseline for opening a document: a page with nothing but Tiptap, our document schema and
// its Yjs binding, opening the same state the app opens (served beside it as state.bin). It notes
// how long the raw Y.applyUpdate of that state takes here, in the same browser; the benchmark's
// init script notes when the editor shows the last paragraph, as it does for the app's page.
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import * as Y from 'yjs';
import { DOCUMENT_FIELD, documentExtensions } from '../../../src/lib/shared/editor/extensions.ts';

declare global {
	interface Window {
		/** Milliseconds the raw Y.applyUpdate of the document's state took on this page. */
		applyUpdateMs?: number;
	}
}

const response = await fetch('./state.bin');
const state = new Uint8Array(await response.arrayBuffer());
const doc = new Y.Doc();
const started = performance.now();
Y.applyUpdate(doc, state);
window.applyUpdateMs = performance.now() - started;

const element = document.querySelector('#editor');
if (!element) throw new Error('no #editor element');
new Editor({
	element,
	extensions: [...documentExtensions, Collaboration.configure({ document: doc, field: DOCUMENT_FIELD })],
	editorProps: { attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Document', class: 'document-body' } }
});
