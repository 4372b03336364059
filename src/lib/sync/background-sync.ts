import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { collabUrl, localDatabaseName } from './collab-session.svelte.ts';
import { offlineDocuments } from './offline-documents.ts';

const GIVE_UP_MS = 20_000;

/**
 * Brings every "available offline" document's IndexedDB copy up to date (and sends any edits it
 * holds), one at a time, without opening an editor. Runs when the app opens online.
 */
export async function refreshOfflineDocuments(userId: string, signal: AbortSignal): Promise<void> {
	for (const documentId of offlineDocuments(userId)) {
		if (signal.aborted || !navigator.onLine) return;
		const name = `doc:${documentId}`;
		const doc = new Y.Doc();
		const local = new IndexeddbPersistence(localDatabaseName(userId, name), doc);
		await local.whenSynced;
		const provider = new HocuspocusProvider({ url: collabUrl(window.location), name, document: doc, token: 'cookie' });
		await new Promise<void>((resolve) => {
			const done = () => resolve();
			const timer = setTimeout(done, GIVE_UP_MS);
			signal.addEventListener('abort', done, { once: true });
			provider.on('authenticationFailed', done);
			provider.on('synced', () => {
				if (!provider.hasUnsyncedChanges) {
					clearTimeout(timer);
					done();
				}
			});
		});
		provider.destroy();
		await local.destroy();
		doc.destroy();
	}
}
