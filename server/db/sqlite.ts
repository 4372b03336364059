import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { DatabaseStartupError, type DatabaseOptions, type Db } from './database.ts';
import * as schema from './sqlite-schema.ts';

/** The SQLite side of the data layer: better-sqlite3 through drizzle, in one file in DATA_DIR. */
export type SqliteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DATABASE_FILE = 'bridgework.sqlite';

/** Where drizzle-kit writes migrations; every entry point runs from the project root. */
const MIGRATIONS_FOLDER = path.resolve('drizzle');

/**
 * How long one statement may wait for another process's write lock. better-sqlite3 waits
 * synchronously, so this is how long the whole server (every document, every page) can stall on
 * someone else's lock: keep it short. The update log does not wait at all (see update-log.ts).
 */
export const BUSY_TIMEOUT_MS = 100;

/**
 * FULL: a commit is acknowledged only after the WAL is synced, so an acknowledged edit survives a
 * power cut, not only a crash of the process. What it costs is measured in `npm run bench`; group
 * commit (update-log.ts) shares one sync among the appends that arrive together.
 */
export const SYNCHRONOUS = 'FULL';

function sqliteCode(error: unknown): string {
	return typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
}

function restoreAdvice(file: string): string {
	return `Stop here and restore the latest backup with "npm run restore <backup file>" (it replaces ${file}).`;
}

function prepareFolder(dataDir: string): void {
	try {
		fs.mkdirSync(dataDir, { recursive: true });
	} catch (error) {
		const code = sqliteCode(error);
		if (code === 'EEXIST' || code === 'ENOTDIR') throw new DatabaseStartupError(`DATA_DIR ${dataDir} is not a folder: point DATA_DIR at a folder.`);
		if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
			throw new DatabaseStartupError(`Cannot create the data folder ${dataDir} (permission denied): create it or point DATA_DIR at a writable folder.`);
		}
		throw new DatabaseStartupError(`Cannot create the data folder ${dataDir} (${code || String(error)}): point DATA_DIR at a writable folder.`);
	}
	try {
		fs.accessSync(dataDir, fs.constants.W_OK);
	} catch {
		// SQLite needs to create the -wal and -shm files next to the database, even to read it.
		throw new DatabaseStartupError(`The data folder ${dataDir} is not writable: give this user write access to it or point DATA_DIR at a writable folder.`);
	}
}

function refuseEmptyFile(file: string): void {
	const stat = fs.statSync(file, { throwIfNoEntry: false });
	if (!stat) return;
	if (!stat.isFile()) throw new DatabaseStartupError(`${file} is not a file: move it away so Bridgework can create its database there.`);
	// SQLite writes its header on the first commit and we migrate at once, so our file is never
	// empty: a 0-byte file means it was truncated, and opening it would start a new, empty database.
	if (stat.size === 0) {
		throw new DatabaseStartupError(`The database file ${file} is empty (0 bytes) where a database was expected. ${restoreAdvice(file)}`);
	}
}

function describeOpenFailure(file: string, error: unknown): DatabaseStartupError {
	const code = sqliteCode(error);
	if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
		return new DatabaseStartupError(`The database file ${file} is damaged (not a readable SQLite database). ${restoreAdvice(file)}`);
	}
	if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
		return new DatabaseStartupError(`Cannot open the database file ${file} for writing: give this user write access to it and its folder.`);
	}
	const message = error instanceof Error ? error.message : String(error);
	return new DatabaseStartupError(`Cannot open the database file ${file} (${code || 'error'}: ${message}).`);
}

/** quick_check reads every page: a damaged page found now is better than one found by an edit. */
function checkIntegrity(sqlite: Database.Database, file: string): void {
	const rows = sqlite.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
	const problems = rows.map((row) => row.quick_check.replace(/\s+/g, ' ')).filter((result) => result !== 'ok');
	if (problems.length > 0) {
		throw new DatabaseStartupError(
			`The database file ${file} is damaged (quick_check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems[0]}). ${restoreAdvice(file)}`
		);
	}
}

/** Applies the connection settings every process that writes the database must share. */
export function configureConnection(sqlite: Database.Database, options: DatabaseOptions = {}): void {
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma(`synchronous = ${SYNCHRONOUS}`);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
	if (options.maxBytes !== undefined) {
		const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
		sqlite.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
	}
}

/**
 * SQLite changes a column by rebuilding its table: with foreign keys on, dropping the old table
 * would cascade to every row that refers to it (document states, links, the audit trail). The
 * migrator runs in one transaction, where the pragma cannot change, so keys are off around it and
 * every reference is checked once it has committed.
 */
function migrateWithoutCascades(sqlite: Database.Database, db: SqliteDb): void {
	sqlite.pragma('foreign_keys = OFF');
	try {
		migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
		const broken = sqlite.pragma('foreign_key_check') as unknown[];
		if (broken.length > 0) {
			throw new DatabaseStartupError(
				`After migrating, ${broken.length} rows of the database refer to rows that do not exist; not starting. ${restoreAdvice(sqlite.name)}`
			);
		}
	} finally {
		sqlite.pragma('foreign_keys = ON');
	}
}

/**
 * Opens (creating if needed) the database in dataDir, checks it, and brings its schema up to date.
 * Every failure is a DatabaseStartupError whose message says what is wrong and what to do.
 */
export function openSqlite(dataDir: string, options: DatabaseOptions = {}): SqliteDb {
	prepareFolder(dataDir);
	const file = path.join(dataDir, DATABASE_FILE);
	refuseEmptyFile(file);
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(file);
		configureConnection(sqlite, options);
		checkIntegrity(sqlite, file);
		const db = drizzle(sqlite, { schema });
		migrateWithoutCascades(sqlite, db);
		return db;
	} catch (error) {
		sqlite?.close();
		if (error instanceof DatabaseStartupError) throw error;
		throw describeOpenFailure(file, error);
	}
}

/** The database file in dataDir, as it is: no checks, no migrations. */
export function connectSqlite(dataDir: string, busyTimeoutMs = 5000): SqliteDb {
	const sqlite = new Database(path.join(dataDir, DATABASE_FILE), { fileMustExist: true });
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
	return drizzle(sqlite, { schema });
}

const inTransaction = new AsyncLocalStorage<true>();

/**
 * better-sqlite3's transactions are synchronous, PostgreSQL's are not; code above the data layer
 * writes `await db.transaction(async (tx) => …)` for both. Here it is BEGIN IMMEDIATE, the body,
 * COMMIT, on the one connection. That is only sound while the body awaits nothing but this
 * database, whose queries complete synchronously: then the whole transaction runs within one turn
 * of the event loop and no other request's statements can fall inside it. A body that awaits real
 * I/O (a hash, a fetch, a file) would let them in, so it is rolled back and refused, loudly.
 * Transactions that start in the same turn run one after another; a nested one joins its parent.
 */
function asyncTransactions(db: SqliteDb): Db['transaction'] {
	const sqlite = db.$client;
	let queue: Promise<unknown> = Promise.resolve();
	const run = async <T>(body: (tx: never) => Promise<T>, behavior: 'deferred' | 'immediate' | 'exclusive'): Promise<T> => {
		// IMMEDIATE unless asked: a transaction that reads and then writes must not find the write
		// lock taken between the two (SQLITE_BUSY with no retry possible); a pure read may defer.
		sqlite.exec(`BEGIN ${behavior.toUpperCase()}`);
		let turnEnded = false;
		const watch = setImmediate(() => (turnEnded = true));
		try {
			const result = await inTransaction.run(true, () => body(db as never));
			if (turnEnded)
				throw new Error('A SQLite transaction awaited something other than the database; it was rolled back. Do that work before or after the transaction.');
			sqlite.exec('COMMIT');
			return result;
		} catch (error) {
			if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
			throw error;
		} finally {
			clearImmediate(watch);
		}
	};
	return (<T>(body: (tx: never) => Promise<T>, config?: { behavior?: 'deferred' | 'immediate' | 'exclusive' }): Promise<T> => {
		if (inTransaction.getStore()) return body(db as never);
		const behavior = config?.behavior ?? 'immediate';
		const result = queue.then(
			() => run(body, behavior),
			() => run(body, behavior)
		);
		queue = result.catch(() => undefined);
		return result;
	}) as Db['transaction'];
}

/** The SQLite database as the rest of the app sees it: every query awaited, transactions async. */
export function asPortable(db: SqliteDb): Db {
	const portable = db as unknown as Db & { syncTransaction: SqliteDb['transaction'] };
	portable.syncTransaction = db.transaction.bind(db);
	portable.transaction = asyncTransactions(db);
	return portable;
}
