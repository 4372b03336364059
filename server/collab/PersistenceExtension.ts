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
 * to the update log in `beforeSync`, which Hocuspocus awaits before Yjs applies the update and
 * before it acknowledges it: acknowledged means on disk. (The update guard, before this in the
 * chain, refuses updates Yjs would hold back for a missing dependency.) If the append fails the update is
 * refused: no acknowledgement, the connection closes, and the client sends it again on reconnect.
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

	async beforeSync({ documentName, document, connection, type, payload }: beforeSyncPayload<CollabContext>): Promise<void> {
		if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return;
		// Read-only connections' changes are not applied (Hocuspocus answers them "not saved").
		if (connection.readOnly) return;
		const name = parseDocumentName(documentName);
		if (!name) return;
		// A reconnecting client's SyncStep2 is usually nothing new: no row for that.
		if (type === messageYjsSyncStep2 && Y.snapshotContainsUpdate(Y.snapshot(document), payload)) return;
		try {
			// Yjs applies it right after this resolves, in the same chain of microtasks: no timer (and
			// so no compaction) runs between the row's commit and the document holding it.
			this.#noteRow(documentName, await this.#log.append(name, payload));
		} catch (error) {
			const reason = error instanceof StorageRefused ? error.message : String(error);
			// Closing the socket (not only this document's connection) makes the provider reconnect
			// and resend; after a per-document close it would sit on an open socket, never told.
			connection.webSocket.close(STORAGE_UNAVAILABLE.code, STORAGE_UNAVAILABLE.reason);
			throw new StorageUnavailable(`an update to ${documentName} was not stored (${reason}); the client keeps it and sends it again`);
		}
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
	}

	#noteRow(documentName: string, id: number): void {
		const rows = this.#rows.get(documentName);
		if (rows) rows.push(id);
		else this.#rows.set(documentName, [id]);
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
		try {
			await store.compact(Y.encodeStateAsUpdate(document), folded, new Date());
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
