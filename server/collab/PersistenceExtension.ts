import type { afterLoadDocumentPayload, Extension, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import { documentStates, documentUpdates, documents } from '../db/schema.ts';
import type { CollabContext } from './context.ts';
import { parseDocumentName } from './document-name.ts';
import { applyStored, readStoredDocument } from './document-store.ts';

const RETRY_DELAYS_MS = [500, 2000, 10_000, 30_000];

/**
 * Stores documents in SQLite in two layers. Every update is appended to document_updates while
 * Yjs applies it, which is before Hocuspocus acknowledges it to the sender: an edit a client saw
 * saved survives a crash. The debounced store folds the log into one compact state.
 */
export class PersistenceExtension implements Extension<CollabContext> {
	extensionName = 'persistence';
	readonly #db: Db;
	readonly #loaded = new Map<string, Y.Doc>();
	readonly #retries = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(db: Db) {
		this.#db = db;
	}

	async onLoadDocument({ documentName, document }: onLoadDocumentPayload<CollabContext>): Promise<void> {
		const name = parseDocumentName(documentName);
		if (!name) return;
		const stored = readStoredDocument(this.#db, name.documentId);
		applyStored(document, stored);
		// Updates left in the log mean the last run ended without storing (a crash): compact now.
		if (stored.log.length > 0) this.#store(name.documentId, document);
	}

	async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload<CollabContext>): Promise<void> {
		const name = parseDocumentName(documentName);
		if (!name) return;
		this.#loaded.set(documentName, document);
		document.on('update', (update: Uint8Array) => this.#append(name.documentId, update));
		document.on('destroy', () => this.#loaded.delete(documentName));
	}

	async onStoreDocument({ documentName, document }: onStoreDocumentPayload<CollabContext>): Promise<void> {
		const name = parseDocumentName(documentName);
		if (name) this.#storeWithRetry(name.documentId, document, 0);
	}

	/** Folds every loaded document's log into its state; called on shutdown. */
	storeAll(): void {
		for (const [documentName, document] of this.#loaded) {
			const name = parseDocumentName(documentName);
			if (name) this.#storeWithRetry(name.documentId, document, RETRY_DELAYS_MS.length);
		}
	}

	#append(documentId: string, update: Uint8Array): void {
		try {
			this.#db.insert(documentUpdates).values({ documentId, update: Buffer.from(update) }).run();
		} catch (error) {
			console.error(`[persistence] could not append an update to document ${documentId}:`, error);
		}
	}

	#store(documentId: string, document: Y.Doc): void {
		const state = Buffer.from(Y.encodeStateAsUpdate(document));
		const now = new Date();
		// Synchronous, so no update can be appended between encoding the state and clearing the log.
		this.#db.transaction((tx) => {
			tx.insert(documentStates)
				.values({ documentId, state, storedAt: now })
				.onConflictDoUpdate({ target: documentStates.documentId, set: { state, storedAt: now } })
				.run();
			tx.delete(documentUpdates).where(eq(documentUpdates.documentId, documentId)).run();
			tx.update(documents).set({ updatedAt: now }).where(eq(documents.id, documentId)).run();
		});
	}

	#storeWithRetry(documentId: string, document: Y.Doc, attempt: number): void {
		clearTimeout(this.#retries.get(documentId));
		this.#retries.delete(documentId);
		try {
			this.#store(documentId, document);
		} catch (error) {
			// The update log still holds every change, so a failed compaction loses nothing: retry later.
			console.error(`[persistence] storing document ${documentId} failed (attempt ${attempt + 1}):`, error);
			const delay = RETRY_DELAYS_MS[attempt];
			if (delay !== undefined) {
				this.#retries.set(
					documentId,
					setTimeout(() => this.#storeWithRetry(documentId, document, attempt + 1), delay).unref()
				);
			}
		}
	}
}
