import { closeDatabase, connectDatabase, type Db } from '../../../server/db/client.ts';

/** Where a server keeps its data: the SQLite file in `dataDir`, or the PostgreSQL database `databaseUrl`. */
export interface StoreLocation {
	dataDir: string;
	databaseUrl?: string;
}

/**
 * Reads or writes the running server's database from this process, with a connection of its own,
 * as a maintenance script or a second instance would: a write path the app's code never sees.
 */
export async function writeDirectly<T>(server: StoreLocation, write: (db: Db) => Promise<T>): Promise<T> {
	// The server writes at the same time; this connection may wait for it (the server's may not).
	const db = connectDatabase(server.dataDir, { url: server.databaseUrl, busyTimeoutMs: 5000 });
	try {
		return await write(db);
	} finally {
		await closeDatabase(db);
	}
}

export const readDirectly = writeDirectly;
