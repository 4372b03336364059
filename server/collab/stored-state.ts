import { and, asc, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { lockRow, type Executor } from '../db/client.ts';
import { documentStates, documentUpdates, documents, practiceStates, practiceUpdates, users } from '../db/schema.ts';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';

/**
 * Where each kind of collaboration document keeps its two layers: a compacted state and the log
 * of updates appended since. Client documents and practices live in separate tables (their keys
 * reference different rows); `layersOf` is the only place that knows which is which.
 */
export interface StoredLog {
	state: Uint8Array | undefined;
	log: Uint8Array[];
	/** The ids of the log rows read, in order: what a compaction of this state may delete. */
	ids: number[];
}

export interface StoredState {
	read(): Promise<StoredLog>;
	/** Appends to the log; resolves with the new row's id. */
	append(update: Uint8Array): Promise<number>;
	/**
	 * Replaces the state and deletes the log rows `folded`, the ones `state` was built from: a row
	 * it does not name (appended meanwhile, by anyone) stays for the next load to apply.
	 */
	compact(state: Uint8Array, folded: readonly number[], now: Date): Promise<void>;
}

/** The tables of one kind of document, and the key that picks one document's rows. */
export interface Layers {
	states: typeof documentStates | typeof practiceStates;
	stateKey: typeof documentStates.documentId | typeof practiceStates.trainerId;
	updates: typeof documentUpdates | typeof practiceUpdates;
	updateKey: typeof documentUpdates.documentId | typeof practiceUpdates.trainerId;
	/** The row the document belongs to: compactions lock it, and a purged one is not written back. */
	owner: typeof documents | typeof users;
	ownerKey: typeof documents.id | typeof users.id;
	key: string;
}

export function layersOf(name: DocumentName): Layers {
	return name.kind === 'document'
		? {
				states: documentStates,
				stateKey: documentStates.documentId,
				updates: documentUpdates,
				updateKey: documentUpdates.documentId,
				owner: documents,
				ownerKey: documents.id,
				key: name.documentId
			}
		: {
				states: practiceStates,
				stateKey: practiceStates.trainerId,
				updates: practiceUpdates,
				updateKey: practiceUpdates.trainerId,
				owner: users,
				ownerKey: users.id,
				key: name.trainerId
			};
}

/**
 * One snapshot for both reads: SQLite's deferred transaction has one; PostgreSQL's default (read
 * committed) takes a new snapshot per statement, so a compaction committing between the two would
 * show the old state with its log already deleted. Repeatable read there.
 */
const READ_ONE_SNAPSHOT = { behavior: 'deferred', isolationLevel: 'repeatable read' } as unknown as { behavior: 'deferred' };

/** Below SQLite's limit on bound parameters in one statement. */
const DELETE_CHUNK = 500;

function chunks(ids: readonly number[]): number[][] {
	const result: number[][] = [];
	for (let i = 0; i < ids.length; i += DELETE_CHUNK) result.push(ids.slice(i, i + DELETE_CHUNK));
	return result;
}

/** The values of an update row for `layers`; the key column's name differs by kind. */
export function updateRow(layers: Layers, update: Uint8Array): { documentId: string; update: Buffer } {
	const key = layers.updates === documentUpdates ? 'documentId' : 'trainerId';
	return { [key]: layers.key, update: Buffer.from(update) } as { documentId: string; update: Buffer };
}

function stateRow(layers: Layers, state: Buffer, storedAt: Date): { documentId: string; state: Buffer; storedAt: Date } {
	const key = layers.states === documentStates ? 'documentId' : 'trainerId';
	return { [key]: layers.key, state, storedAt } as { documentId: string; state: Buffer; storedAt: Date };
}

function store(db: Executor, layers: Layers): StoredState {
	// The casts below pick one arm of a union of two tables with the same shape: drizzle's builders
	// take one table type at a time.
	const states = layers.states as typeof documentStates;
	const updates = layers.updates as typeof documentUpdates;
	const updateKey = layers.updateKey as typeof documentUpdates.documentId;
	return {
		// One transaction, one snapshot: a reader in another process never sees a compaction's new
		// state with the old log, or its old state with the log already cleared.
		read: () =>
			db.transaction(async (tx) => {
				const [row] = await tx.select({ state: states.state }).from(states).where(eq(layers.stateKey, layers.key)).limit(1);
				const log = await tx.select({ id: updates.id, update: updates.update }).from(updates).where(eq(updateKey, layers.key)).orderBy(asc(updates.id));
				return { state: row?.state, log: log.map((entry) => entry.update), ids: log.map((entry) => entry.id) };
			}, READ_ONE_SNAPSHOT),
		append: async (update) => {
			const [row] = await db.insert(updates).values(updateRow(layers, update)).returning({ id: updates.id });
			return row!.id;
		},
		compact: async (update, folded, now) => {
			await db.transaction(async (tx) => {
				// Locked, so two instances compacting one document take turns; a document purged from
				// the trash while still loaded in memory is not written back.
				const owner = await lockRow(tx, layers.owner, layers.ownerKey, layers.key);
				if (!owner || ('purgedAt' in owner && owner.purgedAt)) return;
				// Another instance may have compacted rows this one never held: keep them, by merging.
				const [current] = await tx.select({ state: states.state }).from(states).where(eq(layers.stateKey, layers.key)).limit(1);
				const state = Buffer.from(current ? Y.mergeUpdates([current.state, update]) : update);
				await tx
					.insert(states)
					.values(stateRow(layers, state, now))
					.onConflictDoUpdate({ target: layers.stateKey as typeof documentStates.documentId, set: { state, storedAt: now } });
				for (const ids of chunks(folded)) await tx.delete(updates).where(and(eq(updateKey, layers.key), inArray(updates.id, ids)));
				if (layers.owner === documents) await tx.update(documents).set({ updatedAt: now }).where(eq(documents.id, layers.key));
			});
		}
	};
}

export function storedStateOf(db: Executor, name: DocumentName): StoredState {
	return store(db, layersOf(name));
}

/** Applies the stored state and log to `doc`; resolves with what was read. */
export async function applyStoredState(stored: StoredState, doc: Y.Doc): Promise<StoredLog> {
	const read = await stored.read();
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
export async function readStoredDoc(db: Executor, name: DocumentName): Promise<Y.Doc> {
	const doc = new Y.Doc();
	await applyStoredState(storedStateOf(db, name), doc);
	return doc;
}
