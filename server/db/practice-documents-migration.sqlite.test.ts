import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, DATABASE_FILE, openDatabase, sqliteConnection, type Db } from './client.ts';

/**
 * drizzle/0012 moves letters and outreach materials created under a client to the practice. The
 * database is built as 0011 left it, with documents of both sorts, their content, a share link and
 * its audit trail; then the app opens it as it would on start-up.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-migration-'));
const before0008 = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-migrations-'));
let db: Db;

function migrationsUpTo(tag: string): void {
	const source = path.resolve('drizzle');
	const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
	const last = journal.entries.findIndex((entry) => entry.tag === tag);
	const entries = journal.entries.slice(0, last + 1);
	fs.mkdirSync(path.join(before0008, 'meta'));
	fs.writeFileSync(path.join(before0008, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
	for (const entry of entries) fs.copyFileSync(path.join(source, `${entry.tag}.sql`), path.join(before0008, `${entry.tag}.sql`));
}

beforeAll(async () => {
	migrationsUpTo('0011_audit_refusal_count');
	const sqlite = new Database(path.join(dataDir, DATABASE_FILE));
	sqlite.pragma('foreign_keys = ON');
	migrate(drizzle(sqlite), { migrationsFolder: before0008 });
	const now = Date.now();
	sqlite.prepare(`insert into users (id, email, name, password_hash, role) values ('t1', 't@example.com', 'Tess', 'x', 'trainer')`).run();
	sqlite.prepare(`insert into clients (id, trainer_id, name) values ('c1', 't1', 'Carla Client')`).run();
	for (const [id, kind] of [
		['log', 'progress_log'],
		['script', 'phone_script'],
		['letter', 'intro_letter_physician']
	]) {
		sqlite.prepare('insert into documents (id, client_id, kind, title) values (?, ?, ?, ?)').run(id, 'c1', kind, `A ${kind}`);
		sqlite.prepare('insert into document_states (document_id, state, stored_at) values (?, ?, ?)').run(id, Buffer.from(`state of ${id}`), now);
		sqlite.prepare('insert into document_updates (document_id, "update") values (?, ?)').run(id, Buffer.from(`update of ${id}`));
	}
	sqlite
		.prepare(
			`insert into share_links (id, document_id, client_id, created_by, token_hash, provider_name, provider_role, needs_client_approval)
			 values ('link', 'script', 'c1', 't1', 'hash', 'Dr Reyes', 'physician', 0)`
		)
		.run();
	sqlite.prepare(`insert into audit_log (at, event, link_id, client_id, document_id) values (?, 'view', 'link', 'c1', 'script')`).run(now);
	sqlite
		.prepare(`insert into sent_versions (id, document_id, title, sent_at, sent_by_name, html, state) values ('v1', 'letter', 'Sent', ?, 'Tess', '<p>x</p>', ?)`)
		.run(now, Buffer.from('v'));
	sqlite.close();
	db = await openDatabase(dataDir);
});

afterAll(async () => {
	if (db) await closeDatabase(db);
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.rmSync(before0008, { recursive: true, force: true });
});

/** The SQLite connection underneath: these are SQLite's own migrations. */
const connection = () => sqliteConnection(db)!;
const rows = (sql: string) => connection().prepare(sql).all();

describe('moving outreach documents to the practice', () => {
	it('takes letters and outreach away from the client and gives every document its trainer', () => {
		expect(rows('select id, trainer_id, client_id, private from documents order by id')).toEqual([
			{ id: 'letter', trainer_id: 't1', client_id: null, private: 0 },
			{ id: 'log', trainer_id: 't1', client_id: 'c1', private: 0 },
			{ id: 'script', trainer_id: 't1', client_id: null, private: 0 }
		]);
	});

	it('keeps every document’s content, and what refers to it: nothing cascades while tables are rebuilt', () => {
		expect(rows('select document_id, cast(state as text) as state from document_states order by document_id')).toEqual([
			{ document_id: 'letter', state: 'state of letter' },
			{ document_id: 'log', state: 'state of log' },
			{ document_id: 'script', state: 'state of script' }
		]);
		expect(rows('select count(*) as n from document_updates')).toEqual([{ n: 3 }]);
		expect(rows('select id from sent_versions')).toEqual([{ id: 'v1' }]);
		expect(rows('select link_id, document_id from audit_log')).toEqual([{ link_id: 'link', document_id: 'script' }]);
	});

	it('keeps a link made under the client’s consent bound to that client', () => {
		expect(rows('select id, document_id, client_id from share_links')).toEqual([{ id: 'link', document_id: 'script', client_id: 'c1' }]);
	});

	it('keeps recording access changes to documents and links', () => {
		const before = rows('select count(*) as n from access_changes') as { n: number }[];
		connection().prepare(`update documents set private = 1 where id = 'log'`).run();
		connection().prepare(`update share_links set revoked_at = 1 where id = 'link'`).run();
		expect(rows(`select subject_kind, subject_id from access_changes order by id desc limit 2`)).toEqual([
			{ subject_kind: 'link', subject_id: 'link' },
			{ subject_kind: 'document', subject_id: 'log' }
		]);
		expect((rows('select count(*) as n from access_changes') as { n: number }[])[0]!.n).toBe(before[0]!.n + 2);
	});

	it('leaves foreign keys on and every reference whole', () => {
		expect(connection().pragma('foreign_keys', { simple: true })).toBe(1);
		expect(connection().pragma('foreign_key_check')).toEqual([]);
	});
});
