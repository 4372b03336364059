import { desc, gt, lt, or } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { dialect, engine, type Db } from '../db/client.ts';
import { accessChanges, type AccessSubjectKind } from '../db/schema.ts';
import { sqliteWriteCounter, type WriteCount } from '../db/write-counter.ts';
import type { AccessSubject } from '../policy.ts';

/**
 * News that something access rests on changed. The access watcher asks on every tick; a source
 * only has to remember what arrived since it was last asked.
 */
export interface AccessChangeFeed {
	/** The subjects changed since the previous call (repeats allowed). */
	poll(): Promise<AccessSubject[]>;
	close(): void;
}

const BATCH = 1000;

type ChangeRow = { id: number; kind: AccessSubjectKind; subject: string };
/** Long enough for any instance sharing the database to have read them; short enough to stay tiny. */
const RETAIN_MS = 60_000;
const PRUNE_EVERY_MS = 10_000;

/**
 * Reads the rows the database's triggers append to access_changes (drizzle/0009, and
 * drizzle/postgres/0001 for PostgreSQL), from every write path of every process and instance.
 *
 * SQLite has one writer at a time, so ids commit in order and a cursor on the id is exact.
 * PostgreSQL's ids are handed out when a row is inserted, not when its transaction commits: a
 * short transaction can commit id 11 before a longer one commits id 10. So on PostgreSQL each read
 * also looks back over the last LOOKBACK_MS of rows and skips those already seen; a transaction
 * that stays open longer than that is far outside how Bridgework writes.
 */
export class DatabaseAccessChangeFeed implements AccessChangeFeed {
	readonly #db: Db;
	readonly #lookbackMs: number;
	/** Ids read within the lookback window, with when they were read. */
	readonly #seen = new Map<number, number>();
	#cursor: number | undefined;
	#starting: Promise<void> | undefined;
	#lastPrune = 0;
	/**
	 * SQLite's read, prepared once: the watcher asks ten times a second whatever the load, and
	 * building the query through Drizzle each time was most of the server's CPU while idle.
	 */
	readonly #sqliteRead: Database.Statement<[number, number], ChangeRow> | undefined;
	/**
	 * SQLite's two counters of writes: this connection's rows changed (trigger rows included) and
	 * the version other connections' commits move. While both stand still no trigger can have
	 * written a row, so a tick reads two integers and nothing else.
	 */
	readonly #sqliteWrites: (() => WriteCount) | undefined;
	#writesSeen: WriteCount | undefined;

	constructor(db: Db, options: { lookbackMs?: number } = {}) {
		this.#db = db;
		this.#lookbackMs = options.lookbackMs ?? (dialect === 'postgres' ? 30_000 : 0);
		const current = engine(db);
		if (current.kind === 'sqlite' && this.#lookbackMs === 0) {
			this.#sqliteRead = current.db.$client.prepare<[number, number], ChangeRow>(
				'SELECT id, subject_kind AS kind, subject_id AS subject FROM access_changes WHERE id > ? ORDER BY id LIMIT ?'
			);
			this.#sqliteWrites = sqliteWriteCounter(current.db.$client);
		}
		// From now: changes from before this feed existed concern connections it does not hold.
		this.#starting = this.#start();
		this.#starting.catch(() => (this.#starting = undefined));
	}

	async #start(): Promise<void> {
		const now = Date.now();
		const [last] = await this.#db.select({ id: accessChanges.id }).from(accessChanges).orderBy(desc(accessChanges.id)).limit(1);
		if (this.#lookbackMs > 0) {
			const recent = await this.#db
				.select({ id: accessChanges.id })
				.from(accessChanges)
				.where(gt(accessChanges.changedAt, new Date(now - this.#lookbackMs)));
			for (const row of recent) this.#seen.set(row.id, now);
		}
		this.#cursor = last?.id ?? 0;
	}

	async poll(): Promise<AccessSubject[]> {
		// A start that failed (the database was down) is tried again; until then, from now on.
		this.#starting ??= this.#start();
		await this.#starting;
		if (this.#cursor === undefined) return [];
		const now = Date.now();
		// Read before the rows (a write landing between the two is seen by the next tick), and
		// remembered only once they are read.
		const writes = this.#sqliteWrites?.();
		if (writes && writes.own === this.#writesSeen?.own && writes.others === this.#writesSeen.others) {
			await this.#prune(now);
			return [];
		}
		const subjects: AccessSubject[] = [];
		for (;;) {
			const rows = await this.#read(this.#cursor, now);
			let fresh = 0;
			for (const row of rows) {
				if (row.id > (this.#cursor ?? 0)) this.#cursor = row.id;
				if (this.#lookbackMs > 0) {
					if (this.#seen.has(row.id)) continue;
					this.#seen.set(row.id, now);
				}
				fresh += 1;
				subjects.push(`${row.kind}:${row.subject}`);
			}
			if (rows.length < BATCH || fresh === 0) break;
		}
		this.#writesSeen = writes;
		for (const [id, at] of this.#seen) if (now - at > 2 * this.#lookbackMs) this.#seen.delete(id);
		await this.#prune(now);
		return subjects;
	}

	async #read(cursor: number, now: number): Promise<ChangeRow[]> {
		if (this.#sqliteRead) return this.#sqliteRead.all(cursor, BATCH);
		const after = gt(accessChanges.id, cursor);
		return this.#db
			.select({ id: accessChanges.id, kind: accessChanges.subjectKind, subject: accessChanges.subjectId })
			.from(accessChanges)
			.where(this.#lookbackMs > 0 ? or(after, gt(accessChanges.changedAt, new Date(now - this.#lookbackMs))) : after)
			.orderBy(accessChanges.id)
			.limit(BATCH);
	}

	async #prune(now: number): Promise<void> {
		if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
		this.#lastPrune = now;
		await this.#db.delete(accessChanges).where(lt(accessChanges.changedAt, new Date(now - RETAIN_MS)));
	}

	close(): void {}
}
