import path from 'node:path';
import Database from 'better-sqlite3';
import type * as Y from 'yjs';
import { readStoredDoc } from '../../../server/collab/stored-state.ts';
import { DATABASE_FILE } from '../../../server/db/client.ts';
import { documentUpdates } from '../../../server/db/schema.ts';
import { paragraphs } from './collab.ts';
import { readDirectly, writeDirectly, type StoreLocation } from './database.ts';

/** The database file a server on `dataDir` writes. */
export function databaseFile(dataDir: string): string {
	return path.join(dataDir, DATABASE_FILE);
}

/**
 * What is on disk for a document right now (state and log), read from the test process with a
 * connection of its own: what a restart after a crash would find.
 */
export async function storedParagraphs(location: StoreLocation | string, documentId: string): Promise<string[]> {
	const doc = await storedDocument(location, documentId);
	try {
		return paragraphs(doc);
	} finally {
		doc.destroy();
	}
}

/** Another process's write lock (as a sqlite3 shell or a backup tool would hold it), until released. */
export function holdWriteLock(dataDir: string): { release: () => void } {
	const sqlite = new Database(databaseFile(dataDir), { fileMustExist: true });
	sqlite.exec('BEGIN IMMEDIATE');
	return {
		release: () => {
			sqlite.exec('COMMIT');
			sqlite.close();
		}
	};
}

/** What the server has on disk for a document (state and log), read as a fresh Y.Doc. */
export function storedDocument(location: StoreLocation | string, documentId: string): Promise<Y.Doc> {
	return readDirectly(placeOf(location), (db) => readStoredDoc(db, { kind: 'document', documentId }));
}

/** Appends an update to a document's log behind the server's back, as an older version or another process might have stored it. */
export async function appendStoredUpdate(location: StoreLocation | string, documentId: string, update: Uint8Array): Promise<void> {
	await writeDirectly(placeOf(location), async (db) => {
		await db.insert(documentUpdates).values({ documentId, update: Buffer.from(update) });
	});
}

export const appendLogRow = appendStoredUpdate;

function placeOf(location: StoreLocation | string): StoreLocation {
	return typeof location === 'string' ? { dataDir: location } : location;
}
