import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { BUSY_TIMEOUT_MS, engine, type Db } from '../db/client.ts';
import type { documentUpdates } from '../db/schema.ts';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import { metrics } from '../metrics.ts';
import { layersOf, updateRow, type Layers } from './stored-state.ts';
import type { WorkerEntry, WorkerReply, WorkerRequest, WorkerSetup } from './update-log-worker.ts';

/** An update the log could not store: it must be refused, never acknowledged. */
export class StorageRefused extends Error {
	/** The database's own code for the failure (SQLITE_FULL, 53100, ECONNREFUSED …). */
	readonly sqliteCode: string;
	constructor(message: string, code: string) {
		super(message);
		this.sqliteCode = code;
	}
}

export interface UpdateLogOptions {
	/**
	 * Group commit: appends that arrive while one is pending share one transaction (one WAL sync
	 * under synchronous=FULL, one commit on PostgreSQL). 0 batches what arrives in this turn of the
	 * event loop and the next, after this turn's relays, adding no timer; a few ms gathers more under load.
	 */
	windowMs?: number;
	/** false commits every append on its own, the baseline group commit is measured against. */
	batch?: boolean;
	/** How long an append keeps retrying a database that is locked or unreachable before it is refused. */
	lockWaitMs?: number;
	/**
	 * SQLite only: 'worker' commits on a thread of its own (update-log-worker.ts), so that the
	 * wait for the disk's sync never stops the event loop; the server uses it. 'main' commits on
	 * the app's own connection.
	 */
	thread?: 'main' | 'worker';
}

interface Pending {
	name: DocumentName;
	update: Uint8Array;
	since: number;
	resolve: (id: number) => void;
	reject: (error: StorageRefused) => void;
}

const MAX_BACKOFF_MS = 200;

export function errorCodeOf(error: unknown): string {
	for (let cause = error, depth = 0; cause && depth < 4; depth++) {
		if (typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string' && cause.code) return cause.code;
		cause = typeof cause === 'object' && 'cause' in cause ? cause.cause : undefined;
	}
	return '';
}

/**
 * Worth waiting for: SQLite locked by another connection, or PostgreSQL briefly unreachable
 * (a restart, a failover, a dropped connection). Anything else (full, I/O, read-only) is not.
 */
export function isTransient(code: string): boolean {
	return (
		code.startsWith('SQLITE_BUSY') ||
		code.startsWith('SQLITE_LOCKED') ||
		code.startsWith('08') ||
		code === '57P01' ||
		code === '57P03' ||
		code === '40001' ||
		code === '40P01' ||
		code === 'ECONNREFUSED' ||
		code === 'ECONNRESET' ||
		code === 'ETIMEDOUT'
	);
}

function describe(code: string, error: unknown): string {
	if (code === 'SQLITE_FULL' || code === '53100') return 'the database is full';
	if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'the database is locked by another process';
	if (isTransient(code)) return 'the database cannot be reached';
	return `the database refused the write (${code || (error instanceof Error ? error.message : String(error))})`;
}

/** Writes a batch of log rows in one transaction; resolves with their ids, in order. */
type Writer = ((entries: readonly Pending[]) => Promise<number[]>) & { stop?: () => Promise<void> };

/**
 * SQLite: prepared statements on the connection itself, in one synchronous IMMEDIATE transaction.
 * better-sqlite3 is synchronous, so a write that waited for a lock would stop the event loop, and
 * every other document and page with it: appends never wait inside SQLite (busy_timeout 0 while
 * they run); a locked database is retried from a timer instead.
 */
function sqliteWriter(sqlite: Database.Database): Writer {
	const statements = new Map<Layers['updates'], Database.Statement>();
	const statementFor = (layers: Layers) => {
		let statement = statements.get(layers.updates);
		if (!statement) {
			const table = getTableConfig(layers.updates).name;
			const key = getTableConfig(layers.updates).columns.find((column) => column === layers.updateKey)!.name;
			statement = sqlite.prepare(`INSERT INTO "${table}" ("${key}", "update") VALUES (?, ?)`);
			statements.set(layers.updates, statement);
		}
		return statement;
	};
	const commit = sqlite.transaction((entries: readonly Pending[]) =>
		entries.map((entry) => {
			const layers = layersOf(entry.name);
			return Number(statementFor(layers).run(layers.key, Buffer.from(entry.update)).lastInsertRowid);
		})
	);
	// async so that a throw from the transaction reaches the caller as a rejection, not a sync throw.
	// eslint-disable-next-line @typescript-eslint/require-await -- see above
	return async (entries) => {
		sqlite.pragma('busy_timeout = 0');
		try {
			return commit.immediate(entries);
		} finally {
			sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		}
	};
}

/** The table and key column each kind of document's log rows go to, by name, for a connection of another thread. */
const columnsOf = new Map<Layers['updates'], { table: string; keyColumn: string }>();
function logColumns(layers: Layers): { table: string; keyColumn: string } {
	let columns = columnsOf.get(layers.updates);
	if (!columns) {
		const config = getTableConfig(layers.updates);
		columns = { table: config.name, keyColumn: config.columns.find((column) => column === layers.updateKey)!.name };
		columnsOf.set(layers.updates, columns);
	}
	return columns;
}

class WriterStopped extends Error {
	readonly code = 'SQLITE_ABORT';
}

/**
 * SQLite on a thread of its own, with its own connection to the same file and the same pragmas:
 * the commit (and its wait for the disk) happens there; this thread only posts the batch and
 * waits for the ids. A locked database is waited for there too, up to `lockWaitMs`, blocking
 * nobody. If the thread dies, what it held is refused and the appends after it commit here.
 */
function workerWriter(sqlite: Database.Database, lockWaitMs: number): Writer | null {
	if (sqlite.memory || !sqlite.name) return null;
	const setup: WorkerSetup = {
		file: sqlite.name,
		synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
		maxPageCount: Number(sqlite.pragma('max_page_count', { simple: true })),
		busyTimeoutMs: lockWaitMs
	};
	const worker = new Worker(new URL('./update-log-worker.ts', import.meta.url), { workerData: setup });
	// The thread never keeps the process alive: an append still in it at exit was never acknowledged.
	worker.unref();
	const pending = new Map<number, { resolve: (ids: number[]) => void; reject: (error: unknown) => void }>();
	let next = 0;
	let fallback: Writer | null = null;
	const stopped = (why: string) => {
		fallback ??= sqliteWriter(sqlite);
		for (const { reject } of pending.values()) reject(new WriterStopped(`the update log's writer stopped (${why})`));
		pending.clear();
	};
	worker.on('message', (reply: WorkerReply) => {
		const waiting = pending.get(reply.id);
		pending.delete(reply.id);
		if (!waiting) return;
		if ('ids' in reply) waiting.resolve(reply.ids);
		else waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
	});
	worker.on('error', (error) => {
		console.error("[persistence] the update log's writer thread failed; appending on the main thread from now on:", error);
		stopped(error.message);
	});
	worker.on('exit', (code) => stopped(`exit ${code}`));
	const write: Writer = (entries) => {
		if (fallback) return fallback(entries);
		const id = next++;
		const transfer: ArrayBuffer[] = [];
		const request: WorkerRequest = {
			id,
			entries: entries.map((entry): WorkerEntry => {
				const layers = layersOf(entry.name);
				// An update is a view into the socket's receive buffer, which a clone would copy whole:
				// a copy of its own bytes is handed over instead (transferred, not cloned; the entry keeps
				// the original for a retry).
				const update = entry.update.slice();
				transfer.push(update.buffer);
				return { ...logColumns(layers), key: layers.key, update };
			})
		};
		return new Promise<number[]>((resolve, reject) => {
			pending.set(id, { resolve, reject });
			worker.postMessage(request, transfer);
		});
	};
	write.stop = async () => {
		await worker.terminate();
	};
	return write;
}

/** PostgreSQL: one transaction per batch, one multi-row INSERT per table. */
function portableWriter(db: Db): Writer {
	return (entries) =>
		db.transaction(async (tx) => {
			const ids: number[] = new Array(entries.length);
			const byTable = new Map<Layers['updates'], number[]>();
			for (const [index, entry] of entries.entries()) {
				const table = layersOf(entry.name).updates;
				byTable.set(table, [...(byTable.get(table) ?? []), index]);
			}
			for (const [table, indexes] of byTable) {
				const updates = table as typeof documentUpdates;
				const rows = await tx
					.insert(updates)
					.values(indexes.map((index) => updateRow(layersOf(entries[index]!.name), entries[index]!.update)))
					.returning({ id: updates.id });
				// RETURNING lists the rows of a multi-row VALUES in the order given.
				rows.forEach((row, position) => (ids[indexes[position]!] = row.id));
			}
			return ids;
		});
}

/**
 * The write side of the update log. Appends queue up and are committed together (group commit);
 * a locked or unreachable database is retried from a timer with backoff until `lockWaitMs` has
 * passed; then, or at once for any other failure, the append is refused and the caller refuses
 * the update. While a commit is in flight (PostgreSQL's are asynchronous) the next batch gathers.
 */
export class UpdateLog {
	readonly #write: Writer;
	readonly #windowMs: number;
	readonly #batch: boolean;
	readonly #lockWaitMs: number;
	#queue: Pending[] = [];
	#timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined;
	#committing = false;
	#backoffMs = 0;

	constructor(db: Db, { windowMs = 0, batch = true, lockWaitMs = 2000, thread = 'main' }: UpdateLogOptions = {}) {
		const current = engine(db);
		this.#write =
			current.kind === 'sqlite'
				? ((thread === 'worker' ? workerWriter(current.db.$client, lockWaitMs) : null) ?? sqliteWriter(current.db.$client))
				: portableWriter(db);
		this.#windowMs = windowMs;
		this.#batch = batch;
		this.#lockWaitMs = lockWaitMs;
	}

	/** Stops the writer's thread, if it has one; appends after this commit on the main thread. */
	async close(): Promise<void> {
		await this.#write.stop?.();
	}

	/** Resolves with the row's id once the update is committed; rejects with StorageRefused if it cannot be. */
	append(name: DocumentName, update: Uint8Array): Promise<number> {
		return new Promise((resolve, reject) => {
			this.#queue.push({ name, update, since: Date.now(), resolve, reject });
			this.#schedule(this.#windowMs);
		});
	}

	#schedule(delayMs: number): void {
		if (this.#timer !== undefined || this.#committing) return;
		if (delayMs > 0) {
			this.#timer = setTimeout(() => void this.#flush(), delayMs);
			return;
		}
		// With no window: in the next turn's check phase. Hocuspocus relays an update to the other
		// editors from an immediate of this turn, queued after this one: the hand-off to the writer
		// (a postMessage on the server) no longer runs before that relay, and appends read from the
		// sockets in the next turn join this batch. What waits is only the sender's acknowledgement.
		this.#timer = setImmediate(() => {
			this.#timer = setImmediate(() => void this.#flush());
		});
	}

	readonly #flush = async (): Promise<void> => {
		this.#timer = undefined;
		const batch = this.#queue.splice(0);
		if (batch.length === 0) return;
		this.#committing = true;
		try {
			if (!this.#batch) {
				for (const [index, entry] of batch.entries()) {
					if (!(await this.#tryCommit([entry], batch.slice(index + 1)))) return;
				}
				return;
			}
			await this.#tryCommit(batch, []);
		} finally {
			this.#committing = false;
			if (this.#queue.length > 0) this.#schedule(this.#backoffMs);
		}
	};

	/** Commits `entries`; on a transient failure puts them (and `rest`) back to retry later. False if it did. */
	async #tryCommit(entries: Pending[], rest: Pending[]): Promise<boolean> {
		try {
			const ids = await this.#write(entries);
			this.#backoffMs = 0;
			const now = Date.now();
			entries.forEach((entry, index) => {
				metrics().updateAppended((now - entry.since) / 1000);
				entry.resolve(ids[index]!);
			});
			return true;
		} catch (error) {
			const code = errorCodeOf(error);
			if (isTransient(code)) {
				this.#retryLater([...entries, ...rest], error, code);
				return false;
			}
			if (entries.length > 1 && code !== 'SQLITE_FULL' && code !== '53100') {
				// One bad entry (a document deleted meanwhile) must not take the others with it.
				for (const entry of entries) await this.#tryCommit([entry], []);
				return true;
			}
			const refused = new StorageRefused(describe(code, error), code);
			for (const entry of entries) entry.reject(refused);
			return true;
		}
	}

	#retryLater(entries: Pending[], error: unknown, code: string): void {
		const now = Date.now();
		const waiting: Pending[] = [];
		for (const entry of entries) {
			if (now - entry.since >= this.#lockWaitMs) entry.reject(new StorageRefused(describe(code, error), code));
			else waiting.push(entry);
		}
		// Older entries first, so that one document's updates stay in the order they arrived.
		this.#queue = [...waiting, ...this.#queue];
		this.#backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(5, this.#backoffMs * 2));
	}
}
