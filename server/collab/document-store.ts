import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Executor } from '../db/client.ts';
import { documentStates, documentUpdates } from '../db/schema.ts';

/**
 * A document as stored: its compacted state plus the updates appended since. Every accepted
 * update is in one or the other before it is acknowledged, so this is as current as any editor's
 * acknowledged view.
 */
export function readStoredDocument(db: Executor, documentId: string): { state: Buffer | undefined; log: Buffer[] } {
	const state = db
		.select({ state: documentStates.state })
		.from(documentStates)
		.where(eq(documentStates.documentId, documentId))
		.get()?.state;
	const log = db
		.select({ update: documentUpdates.update })
		.from(documentUpdates)
		.where(eq(documentUpdates.documentId, documentId))
		.orderBy(asc(documentUpdates.id))
		.all()
		.map((row) => row.update);
	return { state, log };
}

export function applyStored(doc: Y.Doc, stored: { state: Buffer | undefined; log: Buffer[] }): void {
	Y.transact(doc, () => {
		if (stored.state) Y.applyUpdate(doc, stored.state);
		for (const update of stored.log) Y.applyUpdate(doc, update);
	});
}

/** A fresh Y.Doc holding the stored document, for reading on the server (reports, PDFs, snapshots). */
export function loadStoredDocument(db: Executor, documentId: string): Y.Doc {
	const doc = new Y.Doc();
	applyStored(doc, readStoredDocument(db, documentId));
	return doc;
}
