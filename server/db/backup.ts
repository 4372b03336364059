import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { asc, eq } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as Y from 'yjs';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import { layersOf } from '../collab/stored-state.ts';
import * as schema from './sqlite-schema.ts';
import { sqliteConnection, type Db } from './client.ts';

/** What a backup holds, read back from the copy itself rather than taken on trust. */
export interface BackupSummary {
	file: string;
	documents: number;
	practices: number;
	bytes: number;
}

export class BackupError extends Error {}

const PREFIX = 'bridgework-';
const SUFFIX = '.sqlite';

/** bridgework-2026-12-02T03-15-00-123Z.sqlite: sorts by time, safe in every file system. */
export function backupFileName(now: Date): string {
	return `${PREFIX}${now.toISOString().replaceAll(':', '-').replace('.', '-')}${SUFFIX}`;
}

/**
 * Opens a database file read-only and checks it the way a restore must: integrity_check (every
 * page, every index), then every document and practice decoded from its state and update log.
 */
export function verifyDatabaseFile(file: string): BackupSummary {
	const stat = fs.statSync(file, { throwIfNoEntry: false });
	if (!stat?.isFile()) throw new BackupError(`${file} does not exist or is not a file.`);
	if (stat.size === 0) throw new BackupError(`${file} is empty (0 bytes): it is not a backup.`);
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(file, { readonly: true, fileMustExist: true });
		const rows = sqlite.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
		const problems = rows.map((row) => row.integrity_check.replace(/\s+/g, ' ')).filter((result) => result !== 'ok');
		if (problems.length > 0) throw new BackupError(`${file} is damaged (integrity_check: ${problems[0]}).`);
		const db = drizzle(sqlite, { schema });
		const documentIds = db.select({ id: schema.documents.id }).from(schema.documents).all();
		const trainerIds = db.selectDistinct({ id: schema.practiceStates.trainerId }).from(schema.practiceStates).all();
		for (const { id } of documentIds) decodes(db, { kind: 'document', documentId: id }, file);
		for (const { id } of trainerIds) decodes(db, { kind: 'practice', trainerId: id }, file);
		return { file, documents: documentIds.length, practices: trainerIds.length, bytes: stat.size };
	} catch (error) {
		if (error instanceof BackupError) throw error;
		const message = error instanceof Error ? error.message : String(error);
		throw new BackupError(`${file} is not a readable Bridgework database (${message}).`);
	} finally {
		sqlite?.close();
	}
}

/** Reads a document's two layers from the file, synchronously: a backup is a still file, no transaction needed. */
function readLayers(db: BetterSQLite3Database<typeof schema>, name: DocumentName): Y.Doc {
	const layers = layersOf(name);
	const states = layers.states as typeof schema.documentStates;
	const updates = layers.updates as typeof schema.documentUpdates;
	const doc = new Y.Doc();
	const state = db.select({ state: states.state }).from(states).where(eq(layers.stateKey, layers.key)).get()?.state;
	const log = db.select({ update: updates.update }).from(updates).where(eq(layers.updateKey, layers.key)).orderBy(asc(updates.id)).all();
	Y.transact(doc, () => {
		if (state) Y.applyUpdate(doc, state);
		for (const row of log) Y.applyUpdate(doc, row.update);
	});
	return doc;
}

function decodes(db: BetterSQLite3Database<typeof schema>, name: DocumentName, file: string): void {
	let doc: Y.Doc | undefined;
	try {
		doc = readLayers(db, name);
	} catch {
		const label = name.kind === 'document' ? `document ${name.documentId}` : `the practice of ${name.trainerId}`;
		throw new BackupError(`${file} holds ${label}, which cannot be decoded.`);
	} finally {
		doc?.destroy();
	}
}

/**
 * An online backup with SQLite's backup API. `stepPages` small copies in steps between turns of
 * the event loop (the server's own connection: SQLite folds its concurrent writes into the copy);
 * a separate process copies in one step, so writers elsewhere cannot make it restart. The copy is
 * written under a temporary name and renamed only once it has been verified.
 */
export async function backupDatabase(sqlite: Database.Database, dir: string, { now = new Date(), stepPages = 0x7fffffff } = {}): Promise<BackupSummary> {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, backupFileName(now));
	const partial = `${file}.partial`;
	fs.rmSync(partial, { force: true });
	try {
		await sqlite.backup(partial, { progress: () => stepPages });
		// A single self-contained file: the copy carries the source's WAL mode, and opening it in
		// WAL mode would leave -wal and -shm files beside it.
		const copy = new Database(partial);
		copy.pragma('journal_mode = DELETE');
		copy.close();
		const verified = verifyDatabaseFile(partial);
		fs.renameSync(partial, file);
		return { ...verified, file };
	} catch (error) {
		for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
		if (error instanceof BackupError) throw error;
		const message = error instanceof Error ? error.message : String(error);
		throw new BackupError(`The backup to ${dir} failed: ${message}.`);
	}
}

/** The backups in `dir`, oldest first. */
export function listBackups(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX))
		.sort()
		.map((name) => path.join(dir, name));
}

/** Deletes all but the newest `keep` backups; returns the files deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
	const backups = listBackups(dir);
	const old = backups.slice(0, Math.max(0, backups.length - keep));
	for (const file of old) fs.rmSync(file, { force: true });
	return old;
}

/** Backs up now and then every `intervalMs`, keeping the newest `keep`; returns a stop function. */
export function scheduleBackups(db: Db, { dir, intervalMs, keep }: { dir: string; intervalMs: number; keep: number }): () => void {
	let running = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			// Small steps: the server keeps serving while the copy is made.
			const sqlite = sqliteConnection(db);
			if (!sqlite) throw new Error('backups are of the SQLite database; back PostgreSQL up with its own tools (pg_dump, WAL archiving)');
			const summary = await backupDatabase(sqlite, dir, { stepPages: 256 });
			pruneBackups(dir, keep);
			console.log(`Backed up ${summary.documents} documents to ${summary.file}.`);
		} catch (error) {
			console.error(`Scheduled backup failed: ${error instanceof Error ? error.message : String(error)}`);
		} finally {
			running = false;
		}
	};
	void run();
	const timer = setInterval(() => void run(), intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
