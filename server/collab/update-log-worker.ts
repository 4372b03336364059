// The update log's SQLite writer on a thread of its own (update-log.ts, workerWriter). A commit
// under synchronous=FULL waits for the disk to sync the WAL; on the main thread that wait stops
// the event loop, and every socket with it. Here it stops only this thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface WorkerSetup {
	file: string;
	synchronous: number;
	maxPageCount: number;
	busyTimeoutMs: number;
}

export interface WorkerEntry {
	table: string;
	keyColumn: string;
	key: string;
	update: Uint8Array;
}

export type WorkerRequest = { id: number; entries: WorkerEntry[] };
export type WorkerReply = { id: number; ids: number[] } | { id: number; error: { code: string; message: string } };

const setup = workerData as WorkerSetup;
const sqlite = new Database(setup.file, { fileMustExist: true });
sqlite.pragma(`synchronous = ${setup.synchronous}`);
sqlite.pragma('foreign_keys = ON');
// Waiting for a lock here blocks nobody else; past this the main thread refuses the append.
sqlite.pragma(`busy_timeout = ${setup.busyTimeoutMs}`);
sqlite.pragma(`max_page_count = ${setup.maxPageCount}`);

const statements = new Map<string, Database.Statement<[string, Buffer]>>();
function statementFor(table: string, keyColumn: string): Database.Statement<[string, Buffer]> {
	const cacheKey = `${table}\0${keyColumn}`;
	let statement = statements.get(cacheKey);
	if (!statement) {
		statement = sqlite.prepare(`INSERT INTO "${table}" ("${keyColumn}", "update") VALUES (?, ?)`);
		statements.set(cacheKey, statement);
	}
	return statement;
}

const commit = sqlite.transaction((entries: WorkerEntry[]) =>
	entries.map((entry) => Number(statementFor(entry.table, entry.keyColumn).run(entry.key, Buffer.from(entry.update)).lastInsertRowid))
);

parentPort!.on('message', ({ id, entries }: WorkerRequest) => {
	let reply: WorkerReply;
	try {
		reply = { id, ids: commit.immediate(entries) };
	} catch (error) {
		const code = typeof error === 'object' && error && 'code' in error && typeof error.code === 'string' ? error.code : '';
		reply = { id, error: { code, message: error instanceof Error ? error.message : String(error) } };
	}
	parentPort!.postMessage(reply);
});
