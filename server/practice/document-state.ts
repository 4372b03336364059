import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import { documentStates, documentUpdates } from '../db/schema.ts';

/** Anything that can read: the database or an open transaction on it. */
export type Reader = Pick<Db, 'select'>;

/**
 * A document's current content as the collaboration server would load it: the compacted state
 * plus every update logged since. Updates are logged before they are acknowledged, so this sees
 * every edit a client has seen saved, even while the document is open elsewhere.
 */
export function loadDocumentState(db: Reader, documentId: string): Y.Doc {
	const doc = new Y.Doc();
	const state = db.select({ state: documentStates.state }).from(documentStates).where(eq(documentStates.documentId, documentId)).get();
	const log = db
		.select({ update: documentUpdates.update })
		.from(documentUpdates)
		.where(eq(documentUpdates.documentId, documentId))
		.orderBy(asc(documentUpdates.id))
		.all();
	Y.transact(doc, () => {
		if (state) Y.applyUpdate(doc, state.state);
		for (const row of log) Y.applyUpdate(doc, row.update);
	});
	return doc;
}
