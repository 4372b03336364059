// What acknowledging after storing costs: the append path before and after it moved into
// beforeSync, updates/s at synchronous NORMAL and FULL with and without group commit, and how long
// the event loop stalls while another process holds the write lock. Each figure is a ratio to a
// baseline measured in this process a moment before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import type { DocumentName } from '../../server/collab/document-name.ts';
import { storedStateOf } from '../../server/collab/stored-state.ts';
import { UpdateLog } from '../../server/collab/update-log.ts';
import { DATABASE_FILE, openDatabase, type Db } from '../../server/db/client.ts';
import { buildClient, buildDocument, buildTrainer } from '../../server/testing/factories.ts';
import { typingUpdates, type Workload } from './documents.ts';
import { compare, formatMs, formatRate, median, timed, type Row } from './measure.ts';

type Synchronous = 'NORMAL' | 'FULL';

function freshDocument(db: Db): DocumentName {
	const trainer = buildTrainer(db);
	const document = buildDocument(db, buildClient(db, trainer), { kind: 'blank', title: 'Bench' });
	return { kind: 'document', documentId: document.id };
}

/** A database of its own on the real disk (not tmpfs), so that a WAL sync costs what it costs. */
function withDatabase<T>(synchronous: Synchronous, run: (db: Db) => Promise<T>): Promise<T> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-bench-durability-'));
	const db = openDatabase(dataDir);
	db.$client.pragma(`synchronous = ${synchronous}`);
	return run(db).finally(() => {
		db.$client.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});
}

function applyAll(doc: Y.Doc, { base, updates }: Workload): number {
	if (base) Y.applyUpdate(doc, base);
	return timed(() => {
		for (const update of updates) Y.applyUpdate(doc, update);
	});
}

/**
 * (a) One writer typing: the previous path (a synchronous append from the Y.Doc's 'update' event,
 * synchronous=NORMAL) and today's (await the update log, then apply, FULL, group commit), each
 * against applying the same updates to a bare Y.Doc.
 */
async function appendPath(): Promise<Row[]> {
	const workload = typingUpdates(500);
	const count = workload.updates.length;
	const rows: Row[] = [];
	await withDatabase('NORMAL', async (db) => {
		const { baselineMs, measuredMs } = compare(
			() => applyAll(new Y.Doc(), workload),
			() => {
				const doc = new Y.Doc();
				const store = storedStateOf(db, freshDocument(db));
				if (workload.base) Y.applyUpdate(doc, workload.base);
				doc.on('update', (update: Uint8Array) => store.append(update));
				return applyAll(doc, { base: null, updates: workload.updates });
			},
			{ warmup: 1, runs: 5 }
		);
		rows.push({
			benchmark: `before: append on 'update', NORMAL, ${count} keystrokes`,
			baseline: `bare Y.Doc ${formatRate(count, baselineMs)}`,
			measured: `${formatRate(count, measuredMs)}`,
			ratio: `${(measuredMs / baselineMs).toFixed(1)}× the time`
		});
	});
	await withDatabase('FULL', async (db) => {
		const log = new UpdateLog(db);
		const baseline: number[] = [];
		const measured: number[] = [];
		for (let round = 0; round < 6; round++) {
			const bare = applyAll(new Y.Doc(), workload);
			const name = freshDocument(db);
			const doc = new Y.Doc();
			if (workload.base) Y.applyUpdate(doc, workload.base);
			const start = performance.now();
			for (const update of workload.updates) {
				await log.append(name, update);
				Y.applyUpdate(doc, update);
			}
			if (round > 0) {
				baseline.push(bare);
				measured.push(performance.now() - start);
			}
		}
		const baselineMs = median(baseline);
		const measuredMs = median(measured);
		rows.push({
			benchmark: `after: append in beforeSync, FULL, group commit, ${count} keystrokes one at a time`,
			baseline: `bare Y.Doc ${formatRate(count, baselineMs)}`,
			measured: `${formatRate(count, measuredMs)}`,
			ratio: `${(measuredMs / baselineMs).toFixed(1)}× the time`
		});
	});
	return rows;
}

/** `writers` clients on documents of their own, each sending its next update once the last is stored. */
async function writersRate(db: Db, log: UpdateLog, writers: number, perWriter: number): Promise<number> {
	const workload = typingUpdates(perWriter);
	const names = Array.from({ length: writers }, () => freshDocument(db));
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
	let waiting: Array<() => void> = [];
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
			const name = freshDocument(db);
			const lock = await holdLock(path.join(path.dirname(db.$client.name), DATABASE_FILE), holdMs);
			const gaps = gapMonitor();
			await gaps.ticked();
			await append(db, name);
			await lock.released;
			await gaps.ticked();
			return gaps.stop();
		});
	const before = await stall((db, name) => {
		db.$client.pragma('busy_timeout = 5000');
		storedStateOf(db, name).append(new Uint8Array([0, 0]));
		return Promise.resolve();
	});
	const after = await stall((db, name) => new UpdateLog(db).append(name, new Uint8Array([0, 0])));
	return {
		benchmark: `longest event-loop stall, write lock held ${holdMs} ms elsewhere`,
		baseline: `busy_timeout 5000 ${formatMs(before)}`,
		measured: `update log ${formatMs(after)}`,
		ratio: `${(after / before).toFixed(3)}× the stall`
	};
}

export async function durabilityBenches(): Promise<Row[]> {
	return [...(await appendPath()), ...(await durabilityMatrix()), await lockStall()];
}
