import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunningServer } from './server.ts';

/**
 * Writes to the running server's database from this process, as a maintenance script or a second
 * instance would: a write path the app's code never sees.
 */
export function writeDirectly<T>(server: RunningServer, write: (sqlite: Database.Database) => T): T {
	const sqlite = new Database(path.join(server.dataDir, 'bridgework.sqlite'));
	sqlite.pragma('busy_timeout = 5000');
	try {
		return write(sqlite);
	} finally {
		sqlite.close();
	}
}
