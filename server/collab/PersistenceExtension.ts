import { inspect } from 'node:util';
import type {
	afterLoadDocumentPayload,
	afterUnloadDocumentPayload,
	beforeSyncPayload,
	Extension,
	onLoadDocumentPayload,
	onStoreDocumentPayload
} from '@hocuspocus/server';
import { isTransactionOrigin } from '@hocuspocus/server';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import type { CollabContext } from './context.ts';
import { parseDocumentName, type DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import { applyStoredState, storedStateOf } from './stored-state.ts';
import { errorCodeOf, StorageRefused, UpdateLog, type UpdateLogOptions } from './update-log.ts';

const RETRY_DELAYS_MS = [500, 2000, 10_000, 30_000];

/** Sent when an update could not be stored: the client keeps it, reconnects and sends it again. */
export const STORAGE_UNAVAILABLE = { code: 4503, reason: 'storage-unavailable' } as const;

/** Thrown to refuse: not an Error, so Hocuspocus logs it as one line rather than a stack trace. */
export class StorageUnavailable {
	readonly code = STORAGE_UNAVAILABLE.code;
	readonly reason = STORAGE_UNAVAILABLE.reason;
	readonly detail: string;

	constructor(detail: string) {
		this.detail = detail;
	}

	[inspect.custom](): string {
		return `${this.reason}: ${this.detail}`;
	}
}

/**
 * Stores documents in the database (SQLite or PostgreSQL) in two layers. The bytes of every update a client sends are appended
 * to the update log in `beforeSync`; Yjs applies the update and Hocuspocus relays it to the other
 * editors without waiting for the disk, but its acknowledgement to the sender waits on the socket
 * (acknowledgement-gate.ts) until the row is committed: acknowledged means on disk. (The update
 * guard, before this in the chain, refuses updates Yjs would hold back for a missing dependency.)
 * If the append fails, no acknowledgement leaves, the socket closes, and the client sends the
 * update again on reconnect; until the document's whole state is stored once more, every later
 * append carries that state, so nothing acknowledged afterwards rests on what the log lacks.
 * The debounced store folds the log into one compact state. Client documents and trainers'
 * practices are stored alike; stored-state.ts knows their tables.
 */
export class PersistenceExtension implements Extension<CollabContext> {
	extensionName = 'persistence';
	readonly #db: Db;
	readonly #log: UpdateLog;
	/** The Y.Doc of each loaded document: a compaction or retry for any other instance is stale. */
	readonly #loaded = new Map<string, Y.Doc>();
	readonly #retries = new Map<string, ReturnType<typeof setTimeout>>();
	/**
	 * The log rows each loaded document holds and no compaction has deleted yet: read at load, or
	 * appended for it since. A compaction deletes exactly these, so a row the document never saw
	 * (written by another process, say) is never folded away.
	 */
	readonly #rows = new Map<string, number[]>();
	/** Appends of changes made on the server, per document, until they are committed (see `written`). */
	readonly #serverWrites = new Map<string, Set<Promise<number>>>();
	/** Documents being compacted now: one compaction at a time per document. */
	readonly #compacting = new Map<string, Promise<boolean>>();
	/**
	 * Per document, settles once every append begun for it so far is committed (rejects if one was
	 * refused): an acknowledgement waits for the writes of everything the document held when it
	 * was asked for, its own and other editors' alike.
	 */
	readonly #appends = new Map<string, Promise<void>>();
	/**
	 * Documents that hold in memory a change the log refused, with a count of refusals: until a
	 * store of the whole state taken after the last refusal succeeds, every append carries that state.
	 */
	readonly #unstored = new Map<string, number>();

	constructor(db: Db, logOptions: UpdateLogOptions = {}) {
		this.#db = db;
		this.#log = new UpdateLog(db, logOptions);
	}

	async onLoadDocument({ documentName, document }: onLoadDocumentPayload<CollabContext>): Promise<void> {
		const name = parseDocumentName(documentName);
		if (!name) return;
		const store = storedStateOf(this.#db, name);
		const read = await applyStoredState(store, document);
		this.#rows.set(documentName, read.ids);
		// Updates left in the log mean the last run ended without storing (a crash), or another
		// instance holds the document too: compact now. A failure here loses nothing (the log
		// stays) and must not keep the document from opening.
		if (read.log.length > 0) void this.#compact(documentName, name, document);
	}

	async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload<CollabContext>): Promise<void> {
		const name = parseDocumentName(documentName);
		if (!name) return;
		this.#loaded.set(documentName, document);
		// Changes made on the server (a direct connection) never pass beforeSync: store them here;
		// the code that made the change awaits `written` so that a failure reaches it. Updates
		// relayed from another instance (Redis) were stored by the instance that received them.
		document.on('update', (update: Uint8Array, origin: unknown) => {
			if (isTransactionOrigin(origin) && (origin.source === 'connection' || origin.source === 'redis')) return;
			const pending = this.#log.append(name, update);
			const writes = this.#serverWrites.get(documentName) ?? new Set();
			this.#serverWrites.set(documentName, writes);
			writes.add(pending);
			pending.then(
				(id) => this.#noteRow(documentName, id),
				() => undefined
			);
			void pending.finally(() => writes.delete(pending)).catch(() => undefined);
		});
	}

	async beforeSync({ documentName, document, connection, context, type, payload }: beforeSyncPayload<CollabContext>): Promise<void> {
		if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return;
		// Read-only connections' changes are not applied (Hocuspocus answers them "not saved").
		if (connection.readOnly) return;
		const name = parseDocumentName(documentName);
		if (!name) return;
		const refusals = this.#unstored.get(documentName);
		// A reconnecting client's SyncStep2 is usually nothing new: no row for that.
		const nothingNew = refusals === undefined && type === messageYjsSyncStep2 && Y.snapshotContainsUpdate(Y.snapshot(document), payload);
		const row = nothingNew ? undefined : this.#log.append(name, refusals === undefined ? payload : Y.mergeUpdates([Y.encodeStateAsUpdate(document), payload]));
		if (row && refusals !== undefined)
			void row.then(
				() => this.#stored(documentName, refusals),
				() => undefined
			);
		const stored = this.#afterAppends(documentName, row);
		if (!stored) return;
		const refuse = (error: unknown): StorageUnavailable => {
			const reason = error instanceof StorageRefused ? error.message : String(error);
			// Closing the socket (not only this document's connection) makes the provider reconnect
			// and resend; after a per-document close it would sit on an open socket, never told.
			connection.webSocket.close(STORAGE_UNAVAILABLE.code, STORAGE_UNAVAILABLE.reason);
			return new StorageUnavailable(`an update to ${documentName} was not stored (${reason}); the client keeps it and sends it again`);
		};
		const gate = context.transport?.acknowledgements;
		if (!gate) {
			// No socket of ours to hold the answer (a connection made in a test harness): wait here.
			try {
				await stored;
			} catch (error) {
				throw refuse(error);
			}
			return;
		}
		gate.hold(
			stored.catch((error: unknown) => {
				if (row) this.#unstored.set(documentName, (this.#unstored.get(documentName) ?? 0) + 1);
				console.error(inspect(refuse(error)));
				throw error;
			})
		);
	}

	/** The document's appends so far, with `row` (if any) among them; undefined when none is pending. */
	#afterAppends(documentName: string, row: Promise<number> | undefined): Promise<void> | undefined {
		const before = this.#appends.get(documentName);
		const mine = row?.then((id) => this.#noteRow(documentName, id));
		const all = before && mine ? Promise.all([before, mine]).then(() => undefined) : (mine ?? before);
		if (!all) return undefined;
		this.#appends.set(documentName, all);
		const done = () => {
			if (this.#appends.get(documentName) === all) this.#appends.delete(documentName);
		};
		all.then(done, done);
		return all;
	}

	/** A store of the whole state taken when the document had seen `refusals` refusals succeeded. */
	#stored(documentName: string, refusals: number): void {
		if (this.#unstored.get(documentName) === refusals) this.#unstored.delete(documentName);
	}

	async onStoreDocument({ documentName, document }: onStoreDocumentPayload<CollabContext>): Promise<void> {
		const name = parseDocumentName(documentName);
		if (name) await this.#storeWithRetry(documentName, name, document, 0);
	}

	/**
	 * Resolves once every change the server itself made to `documentName` is in the log; rejects
	 * with StorageRefused if one could not be stored.
	 */
	async written(documentName: string): Promise<void> {
		await Promise.all([...(this.#serverWrites.get(documentName) ?? [])]);
	}

	async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
		// The log holds whatever the last compaction did not fold in; the next load folds it.
		clearTimeout(this.#retries.get(documentName));
		this.#retries.delete(documentName);
		this.#loaded.delete(documentName);
		this.#rows.delete(documentName);
		this.#unstored.delete(documentName);
	}

	#noteRow(documentName: string, id: number): void {
		const rows = this.#rows.get(documentName);
		if (rows) rows.push(id);
		else this.#rows.set(documentName, [id]);
	}

	async onDestroy(): Promise<void> {
		await this.#log.close();
	}

	/** Folds every loaded document's log into its state; called on shutdown. */
	async storeAll(): Promise<void> {
		const stores: Array<Promise<void>> = [];
		for (const [documentName, document] of this.#loaded) {
			const name = parseDocumentName(documentName);
			if (name) stores.push(this.#storeWithRetry(documentName, name, document, RETRY_DELAYS_MS.length));
		}
		await Promise.all(stores);
	}

	/**
	 * Writes `document`'s state and deletes the log rows it holds (#rows); a held-back update is in
	 * the encoded state too (Yjs encodes its pending structs).
	 */
	#compact(documentName: string, name: DocumentName, document: Y.Doc): Promise<boolean> {
		const running = this.#compacting.get(documentName);
		if (running) return running.then(() => this.#compact(documentName, name, document));
		const compaction = this.#compactNow(documentName, name, document).finally(() => this.#compacting.delete(documentName));
		this.#compacting.set(documentName, compaction);
		return compaction;
	}

	async #compactNow(documentName: string, name: DocumentName, document: Y.Doc): Promise<boolean> {
		const store = storedStateOf(this.#db, name);
		// The rows this state holds; rows appended while it is written start the next list.
		const folded = this.#rows.get(documentName) ?? [];
		this.#rows.set(documentName, []);
		const refusals = this.#unstored.get(documentName);
		try {
			await store.compact(Y.encodeStateAsUpdate(document), folded, new Date());
			if (refusals !== undefined) this.#stored(documentName, refusals);
			return true;
		} catch (error) {
			this.#rows.set(documentName, [...folded, ...(this.#rows.get(documentName) ?? [])]);
			const reason = errorCodeOf(error) || (error instanceof Error ? error.message : String(error));
			console.error(`[persistence] storing ${documentName} failed (${reason}); its update log still holds every change.`);
			return false;
		}
	}

	async #storeWithRetry(documentName: string, name: DocumentName, document: Y.Doc, attempt: number): Promise<void> {
		clearTimeout(this.#retries.get(documentName));
		this.#retries.delete(documentName);
		// A retry scheduled for an earlier life of this document must not write that life's state.
		if (this.#loaded.get(documentName) !== document) return;
		if (await this.#compact(documentName, name, document)) return;
		const delay = RETRY_DELAYS_MS[attempt];
		if (delay === undefined) return;
		this.#retries.set(documentName, setTimeout(() => void this.#storeWithRetry(documentName, name, document, attempt + 1), delay).unref());
	}
}
