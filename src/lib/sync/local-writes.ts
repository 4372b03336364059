import type { IndexeddbPersistence } from 'y-indexeddb';

/**
 * The IndexedDB copies open in this tab. y-indexeddb stores each update in a transaction of its
 * own and does not say when it has committed; a page that unloads first aborts it, and the last
 * keystrokes typed before a reload were gone (CI caught "Reload to update" losing them).
 */
const open = new Set<IndexeddbPersistence>();

export function trackLocalCopy(local: IndexeddbPersistence): () => void {
	open.add(local);
	return () => open.delete(local);
}

/**
 * Resolves once every update already handed to IndexedDB is on the device: a read-write
 * transaction on the same store runs after the ones before it have committed.
 */
export async function localWritesStored(): Promise<void> {
	await Promise.all(
		[...open].map(async (local) => {
			await local.whenSynced;
			const db = local.db;
			if (!db) return;
			await new Promise<void>((resolve) => {
				const transaction = db.transaction(['updates'], 'readwrite');
				transaction.oncomplete = transaction.onerror = transaction.onabort = () => resolve();
			});
		})
	);
}

/** Reloads the page once what was typed is stored on this device. */
export async function reloadKeepingEdits(): Promise<void> {
	await localWritesStored();
	location.reload();
}
