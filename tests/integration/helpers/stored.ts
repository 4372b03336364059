import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { readStoredDoc } from '../../../server/collab/stored-state.ts';
import { DATABASE_FILE } from '../../../server/db/client.ts';
import * as schema from '../../../server/db/schema.ts';
import * as Y from 'yjs';
import { paragraphs } from './collab.ts';
import type { RunningServer } from './server.ts';

/** The database file a server on `dataDir` writes. */
export function databaseFile(dataDir: string): string {
	return path.join(dataDir, DATABASE_FILE);
}

/**
 * What is on disk for a document right now (state and log), read from the test process with a
 * connection of its own: what a restart after a crash would find.
 */
export function storedParagraphs(dataDir: string, documentId: string): string[] {
	const sqlite = new Database(databaseFile(dataDir), { fileMustExist: true });
	try {
		sqlite.pragma('busy_timeout = 5000');
		const doc = readStoredDoc(drizzle(sqlite, { schema }), { kind: 'document', documentId });
		const result = paragraphs(doc);
		doc.destroy();
		return result;
	} finally {
		sqlite.close();
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
export function storedDocument(server: RunningServer, documentId: string): Y.Doc {
	const sqlite = new Database(databaseFile(server.dataDir), { fileMustExist: true, readonly: true });
	try {
		sqlite.pragma('busy_timeout = 5000');
		return readStoredDoc(drizzle(sqlite, { schema }), { kind: 'document', documentId });
	} finally {
		sqlite.close();
	}
}

/** Appends an update to a document's log behind the server's back, as an older version might have stored it. */
export function appendStoredUpdate(server: RunningServer, documentId: string, update: Uint8Array): void {
	const sqlite = new Database(databaseFile(server.dataDir), { fileMustExist: true });
	try {
		sqlite.pragma('busy_timeout = 5000');
		sqlite.prepare('insert into document_updates (document_id, "update") values (?, ?)').run(documentId, Buffer.from(update));
	} finally {
		sqlite.close();
	}
}

/** Appends a row to a document's update log from outside the server, as another process could. */
export function appendLogRow(dataDir: string, documentId: string, update: Uint8Array): void {
	const sqlite = new Database(databaseFile(dataDir), { fileMustExist: true });
	try {
		sqlite.pragma('busy_timeout = 5000');
		drizzle(sqlite, { schema }).insert(schema.documentUpdates).values({ documentId, update: Buffer.from(update) }).run();
	} finally {
		sqlite.close();
	}
}
