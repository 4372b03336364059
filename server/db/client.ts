import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A transaction handle: the same query builders as Db, for code that must run inside one. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export const DATABASE_FILE = 'bridgework.sqlite';

/** Where drizzle-kit writes migrations; every entry point runs from the project root. */
const MIGRATIONS_FOLDER = path.resolve('drizzle');

/** Opens (creating if needed) the database in dataDir and brings its schema up to date. */
export function openDatabase(dataDir: string): Db {
	fs.mkdirSync(dataDir, { recursive: true });
	const sqlite = new Database(path.join(dataDir, DATABASE_FILE));
	sqlite.pragma('journal_mode = WAL');
	// NORMAL is durable in WAL mode against a process crash; only a power cut can lose the last commits.
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema });
	// SQLite changes a column by rebuilding its table: with foreign keys on, dropping the old table
	// would cascade to every row that refers to it. The migrator runs in one transaction, where the
	// pragma cannot change, so keys are off around it and checked once it has committed.
	sqlite.pragma('foreign_keys = OFF');
	migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
	const broken = sqlite.pragma('foreign_key_check') as unknown[];
	if (broken.length > 0) throw new Error(`After migrating, ${broken.length} rows of the database refer to rows that do not exist; not starting.`);
	sqlite.pragma('foreign_keys = ON');
	return db;
}
