import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { documentSchema, DOCUMENT_FIELD } from '../../src/lib/shared/editor/extensions.ts';
import type { PMNode } from './nodes.ts';

/**
 * Writes a template into a fresh Y.Doc and returns it as one Yjs update. Seeding happens once, on
 * the server, when the document row is created: every client then receives the same items by sync.
 * An editor that set its own content on open would create a second copy per peer instead.
 * A null template seeds no text: the editor shows its own empty paragraph until someone types.
 *
 * `prepare` lets the caller add structured data (carried-over measurements) in the same update.
 */
export function initialState(content: PMNode | null, prepare?: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	try {
		if (content) {
			// Validates against the editor's schema: a template the editor could not load fails here, loudly.
			documentSchema().nodeFromJSON(content).check();
			prosemirrorJSONToYXmlFragment(documentSchema(), content, doc.getXmlFragment(DOCUMENT_FIELD));
		}
		prepare?.(doc);
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}
