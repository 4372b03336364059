// `npm run db:copy -- postgres://…`: moves a practice from the SQLite file in DATA_DIR into an
// empty PostgreSQL database, in one transaction, and verifies the copy before committing it: the
// same number of rows in every table, and every document and practice decodes to the same Yjs
// state on both sides. Stop the server first; on any failure nothing is kept in PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { asc, getTableColumns, gt, is, sql } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as Y from 'yjs';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseStartupError } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { describeUrl, openPostgres, type PostgresDb } from '../db/postgres/open.ts';
import * as postgresTables from '../db/postgres/schema.generated.ts';
import { claimDataDir, runningServerPid } from '../db/server-lock.ts';
import * as sqliteTables from '../db/sqlite-schema.ts';
import { DATABASE_FILE, openSqlite, type SqliteDb } from '../db/sqlite.ts';

class CopyError extends Error {}

type PgTx = Parameters<Parameters<PostgresDb['transaction']>[0]>[0];

interface TablePair {
	name: string;
	sqlite: SQLiteTable;
	postgres: PgTable;
	/** Has an identity `id` whose sequence must continue past the copied ids. */
	identity: boolean;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters, and a few MB of document state at most. */
const BATCH_ROWS = 200;

/**
 * The access feed (access_changes) is written by triggers on consent_records and share_links
 * inserts, so the copy's own inserts add rows to it: it is copied last, after those are removed.
 */
const FEED_TABLE = 'access_changes';

/** Both schemas, table by table: PostgreSQL's is generated from SQLite's, so names and keys agree. */
function tablePairs(): TablePair[] {
	const pairs: TablePair[] = [];
	for (const [key, pgTable] of Object.entries(postgresTables)) {
		if (!is(pgTable, PgTable)) continue;
		const sqliteTable = (sqliteTables as Record<string, unknown>)[key];
		if (!is(sqliteTable, SQLiteTable)) throw new CopyError(`The PostgreSQL schema has a table ${key} that SQLite's does not: run "npm run db:generate".`);
		const name = pgTableConfig(pgTable).name;
		const pgKeys = Object.keys(getTableColumns(pgTable)).sort().join(',');
		const sqliteKeys = Object.keys(getTableColumns(sqliteTable)).sort().join(',');
		if (sqliteTableConfig(sqliteTable).name !== name || pgKeys !== sqliteKeys) {
			throw new CopyError(`The table ${name} differs between the SQLite and PostgreSQL schemas: run "npm run db:generate".`);
		}
		const identity = pgTableConfig(pgTable).columns.some(
			(column) => column.name === 'id' && 'generatedIdentity' in column && column.generatedIdentity !== undefined
		);
		pairs.push({ name, sqlite: sqliteTable, postgres: pgTable, identity });
	}
	return inForeignKeyOrder(pairs);
}

/** Every table after the tables it refers to (Kahn's algorithm); the feed table last. */
function inForeignKeyOrder(pairs: TablePair[]): TablePair[] {
	const byName = new Map(pairs.map((pair) => [pair.name, pair]));
	const refersTo = new Map(
		pairs.map((pair) => [pair.name, new Set(pgTableConfig(pair.postgres).foreignKeys.map((key) => pgTableConfig(key.reference().foreignTable).name))])
	);
	for (const [name, referred] of refersTo) {
		if (referred.has(name)) throw new CopyError(`The table ${name} refers to itself, which this copy does not order.`);
		if (referred.has(FEED_TABLE) || (name === FEED_TABLE && referred.size > 0))
			throw new CopyError(`${FEED_TABLE} gained foreign keys, so copying it last no longer holds.`);
	}
	const pending = new Set(refersTo.keys());
	pending.delete(FEED_TABLE);
	const ordered: TablePair[] = [];
	while (pending.size > 0) {
		const ready = [...pending].filter((name) => [...refersTo.get(name)!].every((other) => !pending.has(other))).sort();
		if (ready.length === 0) throw new CopyError(`The tables ${[...pending].join(', ')} refer to each other in a cycle, which this copy does not order.`);
		for (const name of ready) {
			ordered.push(byName.get(name)!);
			pending.delete(name);
		}
	}
	const feed = byName.get(FEED_TABLE);
	if (feed) ordered.push(feed);
	return ordered;
}

async function countPostgres(tx: PgTx | PostgresDb, table: PgTable): Promise<number> {
	const [row] = await tx.select({ count: sql<string>`count(*)` }).from(table);
	return Number(row?.count ?? 0);
}

function countSqlite(db: SqliteDb, table: SQLiteTable): number {
	const row = db
		.select({ count: sql<number>`count(*)` })
		.from(table)
		.get();
	return Number(row?.count ?? 0);
}

async function refuseNonEmpty(pg: PostgresDb, pairs: TablePair[], where: string): Promise<void> {
	const filled: string[] = [];
	for (const pair of pairs) {
		const rows = await pg
			.select({ one: sql`1` })
			.from(pair.postgres)
			.limit(1);
		if (rows.length > 0) filled.push(pair.name);
	}
	if (filled.length > 0) {
		throw new CopyError(
			`The PostgreSQL database ${where} is not empty (${filled.join(', ')} ${filled.length === 1 ? 'has' : 'have'} rows): copy into a new, empty database.`
		);
	}
}

/** Copies one table in rowid order, a batch at a time; resolves with the number of rows copied. */
async function copyTable(source: SqliteDb, tx: PgTx, pair: TablePair): Promise<number> {
	const columns = getTableColumns(pair.sqlite);
	let after = 0;
	let copied = 0;
	for (;;) {
		const batch = source
			.select({ bridgeworkRowid: sql<number>`rowid`, ...columns })
			.from(pair.sqlite)
			.where(gt(sql`rowid`, after))
			.orderBy(asc(sql`rowid`))
			.limit(BATCH_ROWS)
			.all() as Array<Record<string, unknown> & { bridgeworkRowid: number }>;
		if (batch.length === 0) break;
		after = batch[batch.length - 1]!.bridgeworkRowid;
		const rows = batch.map(({ bridgeworkRowid: _, ...row }) => row);
		await tx.insert(pair.postgres).values(rows);
		copied += rows.length;
	}
	if (pair.identity && copied > 0) {
		// Ids were carried over explicitly (the columns are GENERATED BY DEFAULT), which leaves the
		// sequence at its start: the next insert would collide with a copied row.
		await tx.execute(sql`SELECT setval(pg_get_serial_sequence(${pair.name}, 'id'), (SELECT max(id) FROM ${pair.postgres}))`);
	}
	return copied;
}

/** Where each kind of collaboration document keeps its compacted state and its update log. */
const LAYERS = [
	{ kind: 'document', states: 'document_states', updates: 'document_updates', key: 'document_id' },
	{ kind: 'practice', states: 'practice_states', updates: 'practice_updates', key: 'trainer_id' }
] as const;

/** A document's state and update log applied to a fresh Y.Doc, encoded: what a server would load. */
function decode(label: string, state: Uint8Array | undefined, log: Uint8Array[]): Uint8Array {
	const doc = new Y.Doc();
	try {
		Y.transact(doc, () => {
			if (state) Y.applyUpdate(doc, state);
			for (const update of log) Y.applyUpdate(doc, update);
		});
		return Y.encodeStateAsUpdate(doc);
	} catch (error) {
		throw new CopyError(`${label} does not decode (${error instanceof Error ? error.message : String(error)}).`);
	} finally {
		doc.destroy();
	}
}

/** Decodes every document and practice on both sides; resolves with how many of each. */
async function verifyDocuments(source: SqliteDb, tx: PgTx): Promise<Record<(typeof LAYERS)[number]['kind'], number>> {
	const counts = { document: 0, practice: 0 };
	const sqlite = source.$client;
	for (const layer of LAYERS) {
		const keys = sqlite.prepare(`SELECT ${layer.key} AS key FROM ${layer.states} UNION SELECT ${layer.key} FROM ${layer.updates}`).pluck().all() as string[];
		const sqliteState = sqlite.prepare(`SELECT state FROM ${layer.states} WHERE ${layer.key} = ?`).pluck();
		const sqliteLog = sqlite.prepare(`SELECT "update" FROM ${layer.updates} WHERE ${layer.key} = ? ORDER BY id`).pluck();
		const states = sql.identifier(layer.states);
		const updates = sql.identifier(layer.updates);
		const key = sql.identifier(layer.key);
		for (const value of keys) {
			const label = `${layer.kind === 'document' ? 'Document' : 'The practice of user'} ${value}`;
			const pgState = await tx.execute<{ state: Buffer }>(sql`SELECT state FROM ${states} WHERE ${key} = ${value}`);
			const pgLog = await tx.execute<{ update: Buffer }>(sql`SELECT "update" FROM ${updates} WHERE ${key} = ${value} ORDER BY id`);
			const before = decode(`${label} in SQLite`, sqliteState.get(value) as Buffer | undefined, sqliteLog.all(value) as Buffer[]);
			const after = decode(
				`${label} in PostgreSQL`,
				pgState.rows[0]?.state,
				pgLog.rows.map((row) => row.update)
			);
			if (!Buffer.from(before).equals(Buffer.from(after))) throw new CopyError(`${label} decodes differently in PostgreSQL than in SQLite.`);
			counts[layer.kind]++;
		}
	}
	return counts;
}

async function copy(dataDir: string, url: string): Promise<void> {
	const where = describeUrl(url);
	const pairs = tablePairs();
	const source = openSqlite(dataDir);
	let target: PostgresDb | undefined;
	try {
		target = await openPostgres(url, 2);
		await refuseNonEmpty(target, pairs, where);
		const summary = await target.transaction(async (tx) => {
			const copied = new Map<string, number>();
			for (const pair of pairs) {
				if (pair.name === FEED_TABLE) await tx.delete(pair.postgres);
				copied.set(pair.name, await copyTable(source, tx, pair));
			}
			const mismatched: string[] = [];
			for (const pair of pairs) {
				const before = countSqlite(source, pair.sqlite);
				const after = await countPostgres(tx, pair.postgres);
				if (before !== after || copied.get(pair.name) !== before) mismatched.push(`${pair.name}: ${before} in SQLite, ${after} in PostgreSQL`);
			}
			if (mismatched.length > 0) throw new CopyError(`The row counts differ (${mismatched.join('; ')}).`);
			return { copied, decoded: await verifyDocuments(source, tx) };
		});
		const width = Math.max(...pairs.map((pair) => pair.name.length));
		for (const [name, count] of summary.copied) console.log(`  ${name.padEnd(width)}  ${String(count).padStart(8)}`);
		const total = [...summary.copied.values()].reduce((sum, count) => sum + count, 0);
		console.log(
			`Copied ${total} rows in ${summary.copied.size} tables from ${path.join(dataDir, DATABASE_FILE)} into ${where}: every count matches, and ${summary.decoded.document} documents and ${summary.decoded.practice} practices decode to the same state on both sides.`
		);
	} finally {
		source.$client.close();
		await target?.$client.end();
	}
}

async function main(): Promise<void> {
	const url = process.argv[2];
	if (!url || dialectOf(url) !== 'postgres') {
		throw new CopyError('Name the empty PostgreSQL database to copy into (npm run db:copy -- postgres://user:password@host:5432/bridgework).');
	}
	const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
	const file = path.join(config.dataDir, DATABASE_FILE);
	if (!fs.existsSync(file)) throw new CopyError(`There is no SQLite database at ${file}: set DATA_DIR to the folder that holds bridgework.sqlite.`);
	const pid = runningServerPid(config.dataDir);
	if (pid !== null) throw new CopyError(`Bridgework is running on ${config.dataDir} (process ${pid}): stop it before copying.`);
	// Held while copying, so that a server started meanwhile refuses the folder instead of writing
	// edits the copy would miss.
	const release = claimDataDir(config.dataDir);
	try {
		await copy(config.dataDir, url);
	} finally {
		release();
	}
}

/** The database's own words, not drizzle's "Failed query: …" with every parameter (document bytes). */
function describeFailure(error: unknown): string {
	let cause = error;
	while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
	const text = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!;
	return `The copy stopped: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}.`;
}

main().catch((error: unknown) => {
	const known = error instanceof CopyError || error instanceof ConfigError || error instanceof DatabaseStartupError;
	console.error(`${known ? error.message : describeFailure(error)} Nothing was copied.`);
	process.exit(1);
});
