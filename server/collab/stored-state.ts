import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Executor } from '../db/client.ts';
import { documentStates, documentUpdates, documents, practiceStates, practiceUpdates } from '../db/schema.ts';
import type { DocumentName } from './document-name.ts';

/**
 * Where each kind of collaboration document keeps its two layers in SQLite: a compacted state and
 * the log of updates appended since. Client documents and practices live in separate tables (their
 * keys reference different rows), and this is the only place that knows which is which.
 */
export interface StoredState {
	read(): { state: Uint8Array | undefined; log: Uint8Array[] };
	append(update: Uint8Array): void;
	/** Replaces the state and clears the log; synchronous, so no append can fall between the two. */
	compact(state: Uint8Array, now: Date): void;
}

function documentStore(db: Executor, documentId: string): StoredState {
	return {
		read: () => ({
			state: db.select({ state: documentStates.state }).from(documentStates).where(eq(documentStates.documentId, documentId)).get()?.state,
			log: db
				.select({ update: documentUpdates.update })
				.from(documentUpdates)
				.where(eq(documentUpdates.documentId, documentId))
				.orderBy(asc(documentUpdates.id))
				.all()
				.map((row) => row.update)
		}),
		append: (update) => {
			db.insert(documentUpdates).values({ documentId, update: Buffer.from(update) }).run();
		},
		compact: (update, now) => {
			const state = Buffer.from(update);
			db.transaction((tx) => {
				// A document purged from the trash while still loaded in memory is not written back.
				const row = tx.select({ purgedAt: documents.purgedAt }).from(documents).where(eq(documents.id, documentId)).get();
				if (!row || row.purgedAt) return;
				tx.insert(documentStates)
					.values({ documentId, state, storedAt: now })
					.onConflictDoUpdate({ target: documentStates.documentId, set: { state, storedAt: now } })
					.run();
				tx.delete(documentUpdates).where(eq(documentUpdates.documentId, documentId)).run();
				tx.update(documents).set({ updatedAt: now }).where(eq(documents.id, documentId)).run();
			});
		}
	};
}

function practiceStore(db: Executor, trainerId: string): StoredState {
	return {
		read: () => ({
			state: db.select({ state: practiceStates.state }).from(practiceStates).where(eq(practiceStates.trainerId, trainerId)).get()?.state,
			log: db
				.select({ update: practiceUpdates.update })
				.from(practiceUpdates)
				.where(eq(practiceUpdates.trainerId, trainerId))
				.orderBy(asc(practiceUpdates.id))
				.all()
				.map((row) => row.update)
		}),
		append: (update) => {
			db.insert(practiceUpdates).values({ trainerId, update: Buffer.from(update) }).run();
		},
		compact: (update, now) => {
			const state = Buffer.from(update);
			db.transaction((tx) => {
				tx.insert(practiceStates)
					.values({ trainerId, state, storedAt: now })
					.onConflictDoUpdate({ target: practiceStates.trainerId, set: { state, storedAt: now } })
					.run();
				tx.delete(practiceUpdates).where(eq(practiceUpdates.trainerId, trainerId)).run();
			});
		}
	};
}

export function storedStateOf(db: Executor, name: DocumentName): StoredState {
	return name.kind === 'document' ? documentStore(db, name.documentId) : practiceStore(db, name.trainerId);
}

/** Applies the stored state and log to `doc`; returns how many log entries there were. */
export function applyStoredState(store: StoredState, doc: Y.Doc): number {
	const { state, log } = store.read();
	Y.transact(doc, () => {
		if (state) Y.applyUpdate(doc, state);
		for (const update of log) Y.applyUpdate(doc, update);
	});
	return log.length;
}

/**
 * A fresh Y.Doc holding everything the server has accepted for `name`. Every accepted update is in
 * the log before it is acknowledged, so this is complete even while the document is open elsewhere.
 */
export function readStoredDoc(db: Executor, name: DocumentName): Y.Doc {
	const doc = new Y.Doc();
	applyStoredState(storedStateOf(db, name), doc);
	return doc;
}
