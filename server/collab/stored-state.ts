import { and, asc, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Executor } from '../db/client.ts';
import { documentStates, documentUpdates, documents, practiceStates, practiceUpdates } from '../db/schema.ts';
import type { DocumentName } from './document-name.ts';

/**
 * Where each kind of collaboration document keeps its two layers in SQLite: a compacted state and
 * the log of updates appended since. Client documents and practices live in separate tables (their
 * keys reference different rows), and this is the only place that knows which is which.
 */
export interface StoredLog {
	state: Uint8Array | undefined;
	log: Uint8Array[];
	/** The ids of the log rows read, in order: what a compaction of this state may delete. */
	ids: number[];
}

export interface StoredState {
	read(): StoredLog;
	/** Appends to the log; returns the new row's id. */
	append(update: Uint8Array): number;
	/**
	 * Replaces the state and deletes the log rows `folded`, the ones `state` was built from: a row
	 * it does not name (appended meanwhile, by anyone) stays for the next load to apply.
	 */
	compact(state: Uint8Array, folded: readonly number[], now: Date): void;
}

function logOf(rows: Array<{ id: number; update: Buffer }>): Pick<StoredLog, 'log' | 'ids'> {
	return { log: rows.map((row) => row.update), ids: rows.map((row) => row.id) };
}

/** Below SQLite's limit on bound parameters in one statement. */
const DELETE_CHUNK = 500;

function chunks(ids: readonly number[]): number[][] {
	const result: number[][] = [];
	for (let i = 0; i < ids.length; i += DELETE_CHUNK) result.push(ids.slice(i, i + DELETE_CHUNK));
	return result;
}

function documentStore(db: Executor, documentId: string): StoredState {
	return {
		// One transaction, one snapshot: a reader in another process never sees a compaction's new
		// state with the old log, or its old state with the log already cleared.
		read: () =>
			db.transaction((tx) => ({
				state: tx.select({ state: documentStates.state }).from(documentStates).where(eq(documentStates.documentId, documentId)).get()?.state,
				...logOf(
					tx
						.select({ id: documentUpdates.id, update: documentUpdates.update })
						.from(documentUpdates)
						.where(eq(documentUpdates.documentId, documentId))
						.orderBy(asc(documentUpdates.id))
						.all()
				)
			})),
		append: (update) => {
			return Number(db.insert(documentUpdates).values({ documentId, update: Buffer.from(update) }).run().lastInsertRowid);
		},
		compact: (update, folded, now) => {
			const state = Buffer.from(update);
			db.transaction((tx) => {
				// A document purged from the trash while still loaded in memory is not written back.
				const row = tx.select({ purgedAt: documents.purgedAt }).from(documents).where(eq(documents.id, documentId)).get();
				if (!row || row.purgedAt) return;
				tx.insert(documentStates)
					.values({ documentId, state, storedAt: now })
					.onConflictDoUpdate({ target: documentStates.documentId, set: { state, storedAt: now } })
					.run();
				for (const ids of chunks(folded)) tx.delete(documentUpdates).where(and(eq(documentUpdates.documentId, documentId), inArray(documentUpdates.id, ids))).run();
				tx.update(documents).set({ updatedAt: now }).where(eq(documents.id, documentId)).run();
			});
		}
	};
}

function practiceStore(db: Executor, trainerId: string): StoredState {
	return {
		read: () =>
			db.transaction((tx) => ({
				state: tx.select({ state: practiceStates.state }).from(practiceStates).where(eq(practiceStates.trainerId, trainerId)).get()?.state,
				...logOf(
					tx
						.select({ id: practiceUpdates.id, update: practiceUpdates.update })
						.from(practiceUpdates)
						.where(eq(practiceUpdates.trainerId, trainerId))
						.orderBy(asc(practiceUpdates.id))
						.all()
				)
			})),
		append: (update) => {
			return Number(db.insert(practiceUpdates).values({ trainerId, update: Buffer.from(update) }).run().lastInsertRowid);
		},
		compact: (update, folded, now) => {
			const state = Buffer.from(update);
			db.transaction((tx) => {
				tx.insert(practiceStates)
					.values({ trainerId, state, storedAt: now })
					.onConflictDoUpdate({ target: practiceStates.trainerId, set: { state, storedAt: now } })
					.run();
				for (const ids of chunks(folded)) tx.delete(practiceUpdates).where(and(eq(practiceUpdates.trainerId, trainerId), inArray(practiceUpdates.id, ids))).run();
			});
		}
	};
}

export function storedStateOf(db: Executor, name: DocumentName): StoredState {
	return name.kind === 'document' ? documentStore(db, name.documentId) : practiceStore(db, name.trainerId);
}

/** Applies the stored state and log to `doc`; returns what was read. */
export function applyStoredState(store: StoredState, doc: Y.Doc): StoredLog {
	const read = store.read();
	Y.transact(doc, () => {
		if (read.state) Y.applyUpdate(doc, read.state);
		for (const update of read.log) Y.applyUpdate(doc, update);
	});
	return read;
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
