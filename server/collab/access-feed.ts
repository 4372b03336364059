import { gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accessChanges } from '../db/schema.ts';
import type { AccessSubject } from '../policy.ts';

/**
 * News that something access rests on changed. The access watcher asks on every tick; a source
 * only has to remember what arrived since it was last asked. SQLite is the source today (its
 * triggers see every write path, from any process on the same file); a Redis pub/sub source for
 * several instances needs only these two methods, buffering what it hears between two asks.
 */
export interface AccessChangeFeed {
	/** The subjects changed since the previous call (repeats allowed). */
	poll(): AccessSubject[];
	close(): void;
}

const BATCH = 1000;
/** Long enough for any instance sharing the database to have read them; short enough to stay tiny. */
const RETAIN_MS = 60_000;
const PRUNE_EVERY_MS = 10_000;

/** Reads the rows SQLite triggers append to access_changes (drizzle/0009_access_change_triggers.sql). */
export class SqliteAccessChangeFeed implements AccessChangeFeed {
	readonly #db: Db;
	readonly #read;
	#cursor: number;
	#lastPrune = 0;

	constructor(db: Db) {
		this.#db = db;
		// Changes from before this process started concern connections it does not hold.
		this.#cursor = db.select({ last: sql<number | null>`max(${accessChanges.id})` }).from(accessChanges).get()?.last ?? 0;
		this.#read = db
			.select({ id: accessChanges.id, kind: accessChanges.subjectKind, subject: accessChanges.subjectId })
			.from(accessChanges)
			.where(gt(accessChanges.id, sql.placeholder('cursor')))
			.orderBy(accessChanges.id)
			.limit(BATCH)
			.prepare();
	}

	poll(): AccessSubject[] {
		const subjects: AccessSubject[] = [];
		for (;;) {
			const rows = this.#read.all({ cursor: this.#cursor });
			for (const row of rows) subjects.push(`${row.kind}:${row.subject}`);
			if (rows.length) this.#cursor = rows[rows.length - 1]!.id;
			if (rows.length < BATCH) break;
		}
		this.#prune();
		return subjects;
	}

	#prune(): void {
		const now = Date.now();
		if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
		this.#lastPrune = now;
		// The database's own clock wrote changed_at, so the database's clock judges its age.
		this.#db
			.delete(accessChanges)
			.where(lt(accessChanges.changedAt, sql`(unixepoch('subsec') * 1000 - ${RETAIN_MS})`))
			.run();
	}

	close(): void {}
}
