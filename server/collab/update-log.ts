import { BUSY_TIMEOUT_MS, type Db } from '../db/client.ts';
import type { DocumentName } from './document-name.ts';
import { storedStateOf } from './stored-state.ts';

/** An update the log could not store: it must be refused, never acknowledged. */
export class StorageRefused extends Error {
	readonly sqliteCode: string;
	constructor(message: string, sqliteCode: string) {
		super(message);
		this.sqliteCode = sqliteCode;
	}
}

export interface UpdateLogOptions {
	/**
	 * Group commit: appends that arrive while one is pending share one transaction (one WAL sync
	 * under synchronous=FULL). 0 batches what arrives in the same turn of the event loop, adding
	 * no delay when the server is idle; a few ms gathers more under load at that cost per ack.
	 */
	windowMs?: number;
	/** false commits every append on its own, the baseline group commit is measured against. */
	batch?: boolean;
	/** How long an append keeps retrying a database another process has locked before it is refused. */
	lockWaitMs?: number;
}

interface Pending {
	name: DocumentName;
	update: Uint8Array;
	since: number;
	resolve: (id: number) => void;
	reject: (error: StorageRefused) => void;
}

const MAX_BACKOFF_MS = 200;

export function sqliteCodeOf(error: unknown): string {
	for (let cause = error, depth = 0; cause && depth < 4; depth++) {
		if (typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string' && cause.code.startsWith('SQLITE_')) return cause.code;
		cause = typeof cause === 'object' && 'cause' in cause ? cause.cause : undefined;
	}
	return '';
}

/** Locked by another connection: worth waiting for. Anything else (full, I/O, read-only) is not. */
export function isLocked(code: string): boolean {
	return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function describe(code: string, error: unknown): string {
	if (code === 'SQLITE_FULL') return 'the database is full';
	if (isLocked(code)) return 'the database is locked by another process';
	return `the database refused the write (${code || (error instanceof Error ? error.message : String(error))})`;
}

/**
 * The write side of the update log. better-sqlite3 is synchronous, so a write that waited for a
 * lock would stop the event loop, and every other document and page with it: appends never wait
 * inside SQLite (busy_timeout 0 while they run). A locked database is retried from a timer with
 * backoff until `lockWaitMs` has passed; then, or at once for any other failure, the append is
 * refused and the caller refuses the update.
 */
export class UpdateLog {
	readonly #db: Db;
	readonly #windowMs: number;
	readonly #batch: boolean;
	readonly #lockWaitMs: number;
	#queue: Pending[] = [];
	#timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined;
	#backoffMs = 0;

	constructor(db: Db, { windowMs = 0, batch = true, lockWaitMs = 2000 }: UpdateLogOptions = {}) {
		this.#db = db;
		this.#windowMs = windowMs;
		this.#batch = batch;
		this.#lockWaitMs = lockWaitMs;
	}

	/** Resolves with the row's id once the update is committed; rejects with StorageRefused if it cannot be. */
	append(name: DocumentName, update: Uint8Array): Promise<number> {
		return new Promise((resolve, reject) => {
			this.#queue.push({ name, update, since: Date.now(), resolve, reject });
			this.#schedule(this.#windowMs);
		});
	}

	/** Appends at once, outside any batch; returns the row's id, throws StorageRefused. For changes made on the server. */
	appendNow(name: DocumentName, update: Uint8Array): number {
		try {
			return this.#withoutWaiting(() => storedStateOf(this.#db, name).append(update));
		} catch (error) {
			const code = sqliteCodeOf(error);
			throw new StorageRefused(describe(code, error), code);
		}
	}

	#schedule(delayMs: number): void {
		if (this.#timer !== undefined) return;
		this.#timer = delayMs > 0 ? setTimeout(this.#flush, delayMs) : setImmediate(this.#flush);
	}

	#withoutWaiting<T>(write: () => T): T {
		const sqlite = this.#db.$client;
		sqlite.pragma('busy_timeout = 0');
		try {
			return write();
		} finally {
			sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		}
	}

	#commit(entries: Pending[]): number[] {
		return this.#withoutWaiting(() =>
			this.#db.transaction((tx) => entries.map((entry) => storedStateOf(tx, entry.name).append(entry.update)), { behavior: 'immediate' })
		);
	}

	readonly #flush = (): void => {
		this.#timer = undefined;
		const batch = this.#queue.splice(0);
		if (batch.length === 0) return;
		if (!this.#batch) {
			for (const [index, entry] of batch.entries()) {
				if (!this.#tryCommit([entry], batch.slice(index + 1))) return;
			}
			return;
		}
		this.#tryCommit(batch, []);
	};

	/** Commits `entries`; on a lock puts them (and `rest`) back and retries later. False if it did. */
	#tryCommit(entries: Pending[], rest: Pending[]): boolean {
		try {
			const ids = this.#commit(entries);
			this.#backoffMs = 0;
			entries.forEach((entry, index) => entry.resolve(ids[index]!));
			return true;
		} catch (error) {
			const code = sqliteCodeOf(error);
			if (isLocked(code)) {
				this.#retryLater([...entries, ...rest], error, code);
				return false;
			}
			if (entries.length > 1 && code !== 'SQLITE_FULL') {
				// One bad entry (a document deleted meanwhile) must not take the others with it.
				for (const entry of entries) this.#tryCommit([entry], []);
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
		if (this.#queue.length === 0) return;
		this.#backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(5, this.#backoffMs * 2));
		this.#schedule(this.#backoffMs);
	}
}
