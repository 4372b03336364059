import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { DatabaseStartupError, type Db } from '../database.ts';
import * as schema from './schema.generated.ts';

export type PostgresDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

const MIGRATIONS_FOLDER = path.resolve('drizzle/postgres');

/** Any constant will do: every instance migrating the same database takes the same lock. */
const MIGRATION_LOCK = 4_212_000_013;

/** The URL without its password, for messages and logs. */
export function describeUrl(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.password = parsed.password ? '***' : '';
		return parsed.toString();
	} catch {
		return 'the DATABASE_URL given';
	}
}

function describeFailure(url: string, error: unknown): DatabaseStartupError {
	const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
	const where = describeUrl(url);
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') {
		return new DatabaseStartupError(`Cannot reach PostgreSQL at ${where} (${code}): start it, or correct DATABASE_URL.`);
	}
	if (code === '28P01' || code === '28000')
		return new DatabaseStartupError(`PostgreSQL at ${where} refused the credentials: correct the user or password in DATABASE_URL.`);
	if (code === '3D000')
		return new DatabaseStartupError(`The database named in DATABASE_URL (${where}) does not exist: create it (createdb) or correct the URL.`);
	const message = error instanceof Error ? error.message : String(error);
	return new DatabaseStartupError(`Cannot open PostgreSQL at ${where} (${code || 'error'}: ${message}).`);
}

/**
 * Connects, and brings the schema up to date under an advisory lock, so that instances started
 * together migrate one after another rather than over each other.
 */
export async function openPostgres(url: string, poolSize = 10): Promise<PostgresDb> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize });
	// An idle client that loses its server emits here; without a listener the process would exit.
	pool.on('error', (error) => console.error(`PostgreSQL connection lost (${error.message}); it is replaced on next use.`));
	try {
		const client = await pool.connect();
		try {
			await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
			try {
				await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
			} finally {
				await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
			}
		} finally {
			client.release();
		}
	} catch (error) {
		await pool.end().catch(() => undefined);
		throw describeFailure(url, error);
	}
	return drizzle(pool, { schema }) as PostgresDb;
}

/** A pool on a database already migrated: no checks, no migrations. */
export function connectPostgres(url: string, poolSize = 2): PostgresDb {
	const pool = new pg.Pool({ connectionString: url, max: poolSize });
	pool.on('error', () => undefined);
	return drizzle(pool, { schema }) as PostgresDb;
}

export function asPortable(db: PostgresDb): Db {
	return db as unknown as Db;
}
