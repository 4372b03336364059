import * as Y from 'yjs';
import { readDocumentContent } from '../../src/lib/editor/document-content.ts';
import { DOCUMENT_FIELD } from '../../src/lib/editor/extensions.ts';
import { CUSTOM_MEASURES, MEASUREMENTS, MEASURE_SETTINGS } from '../../src/lib/measures/store.ts';

/** The top-level types a client document has: its text and its outcome measures. */
const DOCUMENT_ROOTS = new Set([DOCUMENT_FIELD, MEASUREMENTS, CUSTOM_MEASURES, MEASURE_SETTINGS]);

function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Whether a Yjs update can be read at all; cheap, and enough for connections that cannot write. */
export function unreadableUpdate(update: Uint8Array): boolean {
	try {
		Y.decodeUpdate(update);
		return false;
	} catch {
		return true;
	}
}

function foreignContent(doc: Y.Doc): string[] {
	return readDocumentContent(doc.getXmlFragment(DOCUMENT_FIELD)).foreign;
}

/**
 * What keeps `update` out of `current`, or null. The update is applied to a scratch copy, never to
 * `current`: it is refused when it cannot be read, when it depends on changes the server never had
 * (Yjs would keep it pending, unrendered, in the stored document for good) and, for a client
 * document (`schema`), when it adds a top-level type or content the document schema does not hold.
 * Problems the document already had are not the sender's: they do not block further edits.
 */
export function updateProblem(current: Y.Doc, update: Uint8Array, options: { schema: boolean }): string | null {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		return 'unreadable update';
	}
	// A peer that is up to date answers the server's sync step with an empty update.
	if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return null;

	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current));
		try {
			Y.applyUpdate(scratch, update);
		} catch {
			return 'unreadable update';
		}
		if (hasPending(scratch) && !hasPending(current)) return 'depends on changes the server does not have';
		if (!options.schema) return null;
		for (const root of scratch.share.keys()) {
			if (!DOCUMENT_ROOTS.has(root) && !current.share.has(root)) return `unknown top-level type "${root.slice(0, 40)}"`;
		}
		const after = foreignContent(scratch);
		if (after.length === 0) return null;
		const before = new Set(foreignContent(current));
		const added = after.find((problem) => !before.has(problem));
		if (added || after.length > before.size) return `not in the document schema: ${added ?? after[0]}`;
		return null;
	} finally {
		scratch.destroy();
	}
}
