import type Database from 'better-sqlite3';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { dialect, dialectOf } from './dialect.ts';
import { DatabaseStartupError, type DatabaseOptions, type Db, type Executor } from './database.ts';
import { asPortable as portablePostgres, connectPostgres, openPostgres, type PostgresDb } from './postgres/open.ts';
import { asPortable as portableSqlite, connectSqlite, openSqlite, type SqliteDb } from './sqlite.ts';

export { DatabaseStartupError, isForeignKeyViolation, isUniqueViolation, type DatabaseOptions, type Db, type Executor, type Tx } from './database.ts';
export { BUSY_TIMEOUT_MS, DATABASE_FILE, SYNCHRONOUS, configureConnection } from './sqlite.ts';
export { dialect } from './dialect.ts';

type Engine = { kind: 'sqlite'; db: SqliteDb } | { kind: 'postgres'; db: PostgresDb };
// On the database object itself, not in a WeakMap: the SvelteKit bundle and the Node entry point
// load this module twice (two module graphs) and share one database object (services.ts).
const ENGINE = Symbol.for('bridgework.db.engine');
type Tagged = Db & { [ENGINE]?: Engine };

function tag(db: Db, engine: Engine): Db {
	(db as Tagged)[ENGINE] = engine;
	return db;
}

/**
 * Opens the database, checks it and brings its schema up to date: PostgreSQL when `options.url`
 * is a postgres:// URL, else the SQLite file in `dataDir`. Every failure is a
 * DatabaseStartupError whose message says what is wrong and what to do.
 */
export async function openDatabase(dataDir: string, options: DatabaseOptions = {}): Promise<Db> {
	const wanted = dialectOf(options.url);
	if (wanted !== dialect) {
		throw new DatabaseStartupError(`This process was started for ${dialect} (DATABASE_URL) and cannot open a ${wanted} database as well.`);
	}
	if (wanted === 'postgres' && options.url) {
		const db = await openPostgres(options.url, options.poolSize);
		return tag(portablePostgres(db), { kind: 'postgres', db });
	}
	const db = openSqlite(dataDir, options);
	return tag(portableSqlite(db), { kind: 'sqlite', db });
}

function engineOf(db: Db): Engine {
	const engine = (db as Tagged)[ENGINE];
	if (!engine) throw new Error('not a database opened by openDatabase');
	return engine;
}

/** The better-sqlite3 connection underneath, for SQLite's own tools (backup, pragmas); null on PostgreSQL. */
export function sqliteConnection(db: Db): Database.Database | null {
	const engine = engineOf(db);
	return engine.kind === 'sqlite' ? engine.db.$client : null;
}

/** The drizzle database with its engine's own types, for the few places that must differ. */
export function engine(db: Db): Engine {
	return engineOf(db);
}

export async function closeDatabase(db: Db): Promise<void> {
	const current = engineOf(db);
	if (current.kind === 'sqlite') current.db.$client.close();
	else await current.db.$client.end();
}

/**
 * Reads the row whose `key` is `value`, locked until the transaction `tx` ends: on PostgreSQL with
 * SELECT … FOR UPDATE, so that instances sharing the database take turns on it; on SQLite the
 * transaction already holds the only write lock (BEGIN IMMEDIATE).
 */
export async function lockRow(tx: Executor, table: SQLiteTable, key: SQLiteColumn, value: string): Promise<Record<string, unknown> | undefined> {
	const query = tx.select().from(table).where(eq(key, value)).limit(1);
	const rows = dialect === 'postgres' ? await (query as unknown as { for(strength: 'update'): Promise<unknown[]> }).for('update') : await query;
	return rows[0] as Record<string, unknown> | undefined;
}

/**
 * The order rows were inserted in, to break ties between equal timestamps: SQLite's rowid; on
 * PostgreSQL the row's physical position, which follows insertion order for the append-only
 * tables this is used on (their triggers refuse updates and deletes, so no space is reused).
 */
export function insertionOrder(): SQL {
	return dialect === 'postgres' ? sql`ctid` : sql`rowid`;
}

/**
 * Connects to a database that a server already opened and migrated, with none of the start-up
 * checks: for tests and tools that read or write beside a running server (they must not migrate,
 * or take SQLite's write lock, just to read).
 */
export function connectDatabase(dataDir: string, options: { url?: string; busyTimeoutMs?: number } = {}): Db {
	if (dialectOf(options.url) === 'postgres' && options.url) {
		const db = connectPostgres(options.url);
		return tag(portablePostgres(db), { kind: 'postgres', db });
	}
	const db = connectSqlite(dataDir, options.busyTimeoutMs);
	return tag(portableSqlite(db), { kind: 'sqlite', db });
}
