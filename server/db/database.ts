import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { BaseSQLiteDatabase, SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type * as schema from './sqlite-schema.ts';

/**
 * The database as the code above the data layer sees it, on SQLite or PostgreSQL alike: drizzle's
 * query builders typed by the one schema (server/db/sqlite-schema.ts), every query awaited.
 * Not portable, so not used above the data layer: `.get()`, `.all()`, `.run()` (SQLite only; use
 * `await` and `.limit(1)`), a statement's run result (use `.returning()`), raw SQL functions of
 * one engine (server/db/portable.test.ts checks the first two).
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** A transaction handle: the same query builders as Db, for code that must run inside one. */
export type Tx = SQLiteTransaction<'async', unknown, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type Executor = Db | Tx;

/** A start-up failure a person can act on: one sentence, no stack trace. */
export class DatabaseStartupError extends Error {}

export interface DatabaseOptions {
	/** SQLite: upper bound on the file's size; writes beyond it fail with SQLITE_FULL and are refused. */
	maxBytes?: number;
	/** postgres://…: use PostgreSQL there instead of the SQLite file in the data folder. */
	url?: string;
	/** PostgreSQL: connections in this process's pool. */
	poolSize?: number;
}

function codesOf(error: unknown): string[] {
	const codes: string[] = [];
	// drizzle wraps a driver's error in DrizzleQueryError; the driver's code is on a cause.
	for (let cause = error, depth = 0; cause && depth < 4; depth++) {
		if (typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') codes.push(cause.code);
		cause = typeof cause === 'object' && 'cause' in cause ? cause.cause : undefined;
	}
	return codes;
}

/** A unique index refused the row (SQLite or PostgreSQL): the database decided a race. */
export function isUniqueViolation(error: unknown): boolean {
	return codesOf(error).some((code) => code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505');
}

/** A foreign key refused the row: what it refers to is gone. */
export function isForeignKeyViolation(error: unknown): boolean {
	return codesOf(error).some((code) => code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503');
}
