// What acknowledging after storing costs: the append path before and after it moved into
// beforeSync, updates/s at synchronous NORMAL and FULL with and without group commit, and how long
// the event loop stalls while another process holds the write lock. Each figure is a ratio to a
// baseline measured in this process a moment before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import { UpdateLog } from '../../server/collab/update-log.ts';
import type Database from 'better-sqlite3';
import { closeDatabase, DATABASE_FILE, openDatabase, sqliteConnection, type Db } from '../../server/db/client.ts';
import { buildClient, buildDocument, buildTrainer } from '../../server/testing/factories.ts';
import { typingUpdates, type Workload } from './documents.ts';
import { formatMs, formatRate, median, timed, type Row } from './measure.ts';

type Synchronous = 'NORMAL' | 'FULL';

async function freshDocument(db: Db): Promise<DocumentName> {
	const trainer = await buildTrainer(db);
	const document = await buildDocument(db, await buildClient(db, trainer), { kind: 'blank', title: 'Bench' });
	return { kind: 'document', documentId: document.id };
}

/** A database of its own on the real disk (not tmpfs), so that a WAL sync costs what it costs. */
async function withDatabase<T>(synchronous: Synchronous, run: (db: Db) => Promise<T>): Promise<T> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-bench-durability-'));
	const db = await openDatabase(dataDir);
	sqliteOf(db).pragma(`synchronous = ${synchronous}`);
	try {
		return await run(db);
	} finally {
		await closeDatabase(db);
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

/** These benchmarks measure SQLite's own durability settings. */
function sqliteOf(db: Db): Database.Database {
	const sqlite = sqliteConnection(db);
	if (!sqlite) throw new Error('the durability benchmarks run on SQLite');
	return sqlite;
}

/** The previous append path: one synchronous INSERT per update, its own commit. */
function appendNowSync(db: Db, name: DocumentName, update: Uint8Array): void {
	if (name.kind !== 'document') throw new Error('documents only');
	sqliteOf(db).prepare('INSERT INTO document_updates (document_id, "update") VALUES (?, ?)').run(name.documentId, Buffer.from(update));
}

function applyAll(doc: Y.Doc, { base, updates }: Workload): number {
	if (base) Y.applyUpdate(doc, base);
	return timed(() => {
		for (const update of updates) Y.applyUpdate(doc, update);
	});
}

/** Opens a database of its own for each setting at once, so that runs can alternate between them. */
async function withDatabases<T>(settings: Synchronous[], run: (dbs: Db[]) => Promise<T>): Promise<T> {
	const opened: Array<{ db: Db; dataDir: string }> = [];
	for (const synchronous of settings) {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-bench-durability-'));
		const db = await openDatabase(dataDir);
		sqliteOf(db).pragma(`synchronous = ${synchronous}`);
		opened.push({ db, dataDir });
	}
	try {
		return await run(opened.map(({ db }) => db));
	} finally {
		for (const { db, dataDir } of opened) {
			await closeDatabase(db);
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	}
}

/**
 * (a) One person typing, one keystroke acknowledged at a time: the previous path (a synchronous
 * append from the Y.Doc's 'update' event at synchronous=NORMAL) against today's (await the update
 * log in beforeSync, then apply; FULL, group commit). Runs alternate, so drift hits both alike.
 */
async function appendPath(): Promise<Row> {
	const workload = typingUpdates(400);
	const count = workload.updates.length;
	return withDatabases(['NORMAL', 'FULL'], async ([normal, full]) => {
		const log = new UpdateLog(full!);
		const before: number[] = [];
		const after: number[] = [];
		for (let round = 0; round < 6; round++) {
			const previous = new Y.Doc();
			const previousName = await freshDocument(normal!);
			if (workload.base) Y.applyUpdate(previous, workload.base);
			previous.on('update', (update: Uint8Array) => appendNowSync(normal!, previousName, update));
			const previousMs = applyAll(previous, { base: null, updates: workload.updates });

			const name = await freshDocument(full!);
			const doc = new Y.Doc();
			if (workload.base) Y.applyUpdate(doc, workload.base);
			const start = performance.now();
			for (const update of workload.updates) {
				await log.append(name, update);
				Y.applyUpdate(doc, update);
			}
			if (round > 0) {
				before.push(previousMs);
				after.push(performance.now() - start);
			}
		}
		const beforeMs = median(before);
		const afterMs = median(after);
		return {
			benchmark: `append path, one typist, ${count} keystrokes each acknowledged`,
			baseline: `before (on 'update', NORMAL) ${formatRate(count, beforeMs)}`,
			measured: `after (beforeSync, FULL, group commit) ${formatRate(count, afterMs)}`,
			ratio: `${(afterMs / beforeMs).toFixed(2)}× the time`
		};
	});
}

/** `writers` clients on documents of their own, each sending its next update once the last is stored. */
async function writersRate(db: Db, log: UpdateLog, writers: number, perWriter: number): Promise<number> {
	const workload = typingUpdates(perWriter);
	const names: DocumentName[] = [];
	for (let i = 0; i < writers; i++) names.push(await freshDocument(db));
	const start = performance.now();
	await Promise.all(
		names.map(async (name) => {
			for (const update of workload.updates) await log.append(name, update);
		})
	);
	return performance.now() - start;
}

/** (b) Updates/s under 30 concurrent writers: NORMAL and FULL, with and without group commit. */
async function durabilityMatrix(): Promise<Row[]> {
	const writers = 30;
	const perWriter = 60;
	const total = writers * perWriter;
	const results: Array<{ label: string; ms: number }> = [];
	for (const synchronous of ['NORMAL', 'FULL'] as const) {
		for (const batch of [false, true]) {
			const ms = await withDatabase(synchronous, async (db) => {
				const log = new UpdateLog(db, { batch });
				await writersRate(db, log, writers, 10);
				const runs: number[] = [];
				for (let run = 0; run < 3; run++) runs.push(await writersRate(db, log, writers, perWriter));
				return median(runs);
			});
			results.push({ label: `${synchronous}, ${batch ? 'group commit' : 'one transaction per update'}`, ms });
		}
	}
	const baselineMs = results[0]!.ms;
	return results.map(({ label, ms }) => ({
		benchmark: `${writers} writers, ${label}`,
		baseline: `NORMAL, one per update ${formatRate(total, baselineMs)}`,
		measured: formatRate(total, ms),
		ratio: `${(baselineMs / ms).toFixed(2)}× the updates/s`
	}));
}

const LOCK_HOLDER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file);
db.exec('BEGIN IMMEDIATE');
parentPort.postMessage('locked');
setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); }, workerData.holdMs);
`;

/** Another connection (a thread standing in for a sqlite3 shell) holds the write lock for holdMs. */
async function holdLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
	const worker = new Worker(LOCK_HOLDER, {
		eval: true,
		workerData: { file, holdMs, betterSqlite3: import.meta.resolve('better-sqlite3').replace('file://', '') }
	});
	const messages: string[] = [];
	let onMessage = () => {};
	worker.on('message', (message: string) => {
		messages.push(message);
		onMessage();
	});
	const waitFor = (message: string) =>
		new Promise<void>((resolve) => {
			onMessage = () => messages.includes(message) && resolve();
			onMessage();
		});
	await waitFor('locked');
	return { released: waitFor('released').then(() => void worker.terminate()) };
}

/** The longest gap between the ticks of a 1 ms timer: how long the event loop could not run. */
function gapMonitor() {
	let last = performance.now();
	let longest = 0;
	const waiting: Array<() => void> = [];
	const timer = setInterval(() => {
		const now = performance.now();
		longest = Math.max(longest, now - last);
		last = now;
		for (const resolve of waiting.splice(0)) resolve();
	}, 1);
	return {
		ticked: () => new Promise<void>((resolve) => waiting.push(resolve)),
		stop: () => {
			clearInterval(timer);
			return longest;
		}
	};
}

/**
 * (c) The longest event-loop stall while another process holds the write lock for 500 ms and one
 * update is appended: the previous settings (busy_timeout 5000, waiting inside SQLite) against the
 * update log (no wait inside SQLite, retries from a timer).
 */
async function lockStall(): Promise<Row> {
	const holdMs = 500;
	const stall = (append: (db: Db, name: DocumentName) => Promise<void>) =>
		withDatabase('FULL', async (db) => {
			const name = await freshDocument(db);
			const lock = await holdLock(path.join(path.dirname(sqliteOf(db).name), DATABASE_FILE), holdMs);
			const gaps = gapMonitor();
			await gaps.ticked();
			await append(db, name);
			await lock.released;
			await gaps.ticked();
			return gaps.stop();
		});
	const before = await stall((db, name) => {
		sqliteOf(db).pragma('busy_timeout = 5000');
		appendNowSync(db, name, new Uint8Array([0, 0]));
		return Promise.resolve();
	});
	const after = await stall((db, name) => new UpdateLog(db).append(name, new Uint8Array([0, 0])).then(() => undefined));
	return {
		benchmark: `longest event-loop stall, write lock held ${holdMs} ms elsewhere`,
		baseline: `busy_timeout 5000 ${formatMs(before)}`,
		measured: `update log ${formatMs(after)}`,
		ratio: `${(after / before).toFixed(3)}× the stall`
	};
}

export async function durabilityBenches(): Promise<Row[]> {
	return [await appendPath(), ...(await durabilityMatrix()), await lockStall()];
}
