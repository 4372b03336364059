import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

/**
 * The document schema, shared by the editor, the server that renders reports and PDFs, and the
 * provider's live view: one list, so that what is typed is what is rendered. Plain TS with no
 * browser or Svelte imports, because server/ imports it from plain Node too.
 */
export const documentExtensions: AnyExtension[] = [
	// Collaboration brings its own history per user; StarterKit's would undo other people's typing.
	StarterKit.configure({ undoRedo: false })
];

/** The Y.XmlFragment that holds a document's text (Tiptap's Collaboration default). */
export const DOCUMENT_FIELD = 'default';
