import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, sqliteConnection, type Db } from '../db/client.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import { storedStateOf } from './stored-state.ts';
import { StorageRefused, UpdateLog } from './update-log.ts';

let database: Awaited<ReturnType<typeof temporaryDatabase>>;
let db: Db;
beforeEach(async () => {
	database = await temporaryDatabase();
	db = database.db;
});
afterEach(() => database.close());

async function newDocument(): Promise<DocumentName> {
	const document = await buildDocument(db, await buildClient(db, await buildTrainer(db)), { kind: 'blank', title: 'Log' });
	return { kind: 'document', documentId: document.id };
}

/** A second connection to the same file, as another process would hold it. */
function outsideLock(): { release: () => void } {
	const other = new Database(path.join(database.dataDir, DATABASE_FILE));
	other.exec('BEGIN IMMEDIATE');
	return {
		release: () => {
			other.exec('COMMIT');
			other.close();
		}
	};
}

const bytes = (n: number) => new Uint8Array([n]);
const logOf = async (name: DocumentName) => (await storedStateOf(db, name).read()).log.map((update) => update[0]);

const logs: UpdateLog[] = [];
afterEach(async () => {
	for (const log of logs.splice(0)) await log.close();
});

describe.each(['main', 'worker'] as const)('UpdateLog on SQLite, committing on the %s thread', (thread) => {
	const open = (options: { lockWaitMs?: number } = {}) => {
		const log = new UpdateLog(db, { ...options, thread });
		logs.push(log);
		return log;
	};

	it('waits for an outside lock without blocking, then commits everything that waited, in order', async () => {
		const log = open({ lockWaitMs: 10_000 });
		const name = await newDocument();
		const lock = outsideLock();
		const stored: number[] = [];
		const appends = [1, 2, 3].map((n) => log.append(name, bytes(n)).then(() => stored.push(n)));
		// The event loop runs while the lock is held: this timer fires, and nothing is stored yet.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(stored).toEqual([]);
		lock.release();
		await Promise.all(appends);
		expect(stored).toEqual([1, 2, 3]);
		expect(await logOf(name)).toEqual([1, 2, 3]);
	});

	it('refuses an append once the lock has been held for longer than it waits', async () => {
		const log = open({ lockWaitMs: 100 });
		const name = await newDocument();
		const lock = outsideLock();
		try {
			await expect(log.append(name, bytes(1))).rejects.toThrow(new StorageRefused('the database is locked by another process', 'SQLITE_BUSY'));
		} finally {
			lock.release();
		}
		expect(await logOf(name)).toEqual([]);
	});

	it('refuses at once when the database is full', async () => {
		const name = await newDocument();
		const connection = sqliteConnection(db)!;
		connection.pragma(`max_page_count = ${Number(connection.pragma('page_count', { simple: true }))}`);
		// Opened after the limit is set: the writer's own connection takes the app connection's limit.
		const log = open();
		const refusal = await log.append(name, new Uint8Array(64 * 1024)).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(StorageRefused);
		expect((refusal as StorageRefused).sqliteCode).toBe('SQLITE_FULL');
	});
});
