import Database from 'better-sqlite3';
import path from 'node:path';
import * as Y from 'yjs';
import type { RunningServer } from './server.ts';

/** What the server has on disk for a document (state and log), read as a fresh Y.Doc. */
export function storedDocument(server: RunningServer, documentId: string): Y.Doc {
	const sqlite = new Database(path.join(server.dataDir, 'bridgework.sqlite'), { readonly: true });
	try {
		const doc = new Y.Doc();
		const state = sqlite.prepare('select state from document_states where document_id = ?').get(documentId) as { state: Buffer } | undefined;
		const log = sqlite.prepare('select "update" from document_updates where document_id = ? order by id').all(documentId) as { update: Buffer }[];
		if (state) Y.applyUpdate(doc, state.state);
		for (const row of log) Y.applyUpdate(doc, row.update);
		return doc;
	} finally {
		sqlite.close();
	}
}

/** Appends an update to a document's log behind the server's back, as an older version might have stored it. */
export function appendStoredUpdate(server: RunningServer, documentId: string, update: Uint8Array): void {
	const sqlite = new Database(path.join(server.dataDir, 'bridgework.sqlite'));
	try {
		sqlite.prepare('insert into document_updates (document_id, "update") values (?, ?)').run(documentId, Buffer.from(update));
	} finally {
		sqlite.close();
	}
}
