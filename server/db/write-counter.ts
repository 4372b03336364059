import type Database from 'better-sqlite3';

export interface WriteCount {
	/** Rows this connection has changed, trigger rows included. */
	own: number;
	/** The version other connections' commits move (other processes, instances, worker threads). */
	others: number;
}

/**
 * SQLite's two counters of writes, read as one prepared statement: while both stand still, nothing
 * has been written to this database by anyone, so a poller can skip reading its rows.
 */
export function sqliteWriteCounter(client: Database.Database): () => WriteCount {
	const statement = client.prepare<[], WriteCount>('SELECT total_changes() AS own, (SELECT data_version FROM pragma_data_version) AS others');
	return () => statement.get()!;
}
