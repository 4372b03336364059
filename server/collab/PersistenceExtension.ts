import type { afterLoadDocumentPayload, Extension, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import type { CollabContext } from './context.ts';
import { parseDocumentName } from './document-name.ts';
import { applyStoredState, storedStateOf, type StoredState } from './stored-state.ts';

const RETRY_DELAYS_MS = [500, 2000, 10_000, 30_000];

/**
 * Stores documents in SQLite in two layers. Every update is appended to the update log while
 * Yjs applies it, which is before Hocuspocus acknowledges it to the sender: an edit a client saw
 * saved survives a crash. The debounced store folds the log into one compact state. Client
 * documents and trainers' practices are stored alike; stored-state.ts knows their tables.
 */
export class PersistenceExtension implements Extension<CollabContext> {
	extensionName = 'persistence';
	readonly #db: Db;
	readonly #loaded = new Map<string, Y.Doc>();
	readonly #retries = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(db: Db) {
		this.#db = db;
	}

	#storeFor(documentName: string): StoredState | null {
		const name = parseDocumentName(documentName);
		return name ? storedStateOf(this.#db, name) : null;
	}

	async onLoadDocument({ documentName, document }: onLoadDocumentPayload<CollabContext>): Promise<void> {
		const store = this.#storeFor(documentName);
		if (!store) return;
		const logged = applyStoredState(store, document);
		// Updates left in the log mean the last run ended without storing (a crash): compact now.
		if (logged > 0) store.compact(Y.encodeStateAsUpdate(document), new Date());
	}

	async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload<CollabContext>): Promise<void> {
		const store = this.#storeFor(documentName);
		if (!store) return;
		this.#loaded.set(documentName, document);
		document.on('update', (update: Uint8Array) => this.#append(documentName, store, update));
		document.on('destroy', () => this.#loaded.delete(documentName));
	}

	async onStoreDocument({ documentName, document }: onStoreDocumentPayload<CollabContext>): Promise<void> {
		const store = this.#storeFor(documentName);
		if (store) this.#storeWithRetry(documentName, store, document, 0);
	}

	/** Folds every loaded document's log into its state; called on shutdown. */
	storeAll(): void {
		for (const [documentName, document] of this.#loaded) {
			const store = this.#storeFor(documentName);
			if (store) this.#storeWithRetry(documentName, store, document, RETRY_DELAYS_MS.length);
		}
	}

	#append(documentName: string, store: StoredState, update: Uint8Array): void {
		try {
			store.append(update);
		} catch (error) {
			console.error(`[persistence] could not append an update to ${documentName}:`, error);
		}
	}

	#storeWithRetry(documentName: string, store: StoredState, document: Y.Doc, attempt: number): void {
		clearTimeout(this.#retries.get(documentName));
		this.#retries.delete(documentName);
		try {
			store.compact(Y.encodeStateAsUpdate(document), new Date());
		} catch (error) {
			// The update log still holds every change, so a failed compaction loses nothing: retry later.
			console.error(`[persistence] storing ${documentName} failed (attempt ${attempt + 1}):`, error);
			const delay = RETRY_DELAYS_MS[attempt];
			if (delay !== undefined) {
				this.#retries.set(
					documentName,
					setTimeout(() => this.#storeWithRetry(documentName, store, document, attempt + 1), delay).unref()
				);
			}
		}
	}
}
