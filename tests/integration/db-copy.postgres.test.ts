import Database from 'better-sqlite3';
import pg from 'pg';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../server/testing/test-databases.ts';
import { addClient, createBlankDocument, signUpTrainer } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, paragraphs, within } from './helpers/collab.ts';
import { runScript, startServer, temporaryDataDir } from './helpers/server.ts';
import { databaseFile } from './helpers/stored.ts';

// `npm run db:copy` moves a practice made on SQLite into PostgreSQL: the records and the typed
// text are there when a server starts on the copy, and a database that already holds data is
// left as it was.

/** A server on the SQLite file in its folder, even in the PostgreSQL projects (an empty DATABASE_URL is no URL). */
function startOnSqlite(dataDir: string) {
	return startServer({ dataDir, databaseUrl: '' });
}

async function queryOne(url: string, text: string): Promise<Record<string, string | null>> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<Record<string, string | null>>(text)).rows[0]!;
	} finally {
		await client.end();
	}
}

async function rows(url: string, table: string): Promise<number> {
	return Number((await queryOne(url, `SELECT count(*) FROM ${table}`)).count);
}

/** The id the next insert into `table` gets, against the largest id there: it must come after it. */
async function nextId(url: string, table: string): Promise<{ next: number; max: number }> {
	const row = await queryOne(url, `SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS next, (SELECT coalesce(max(id), 0) FROM ${table}) AS max`);
	return { next: Number(row.next), max: Number(row.max) };
}

function copyInto(dataDir: string, url: string) {
	return runScript('copy-to-postgres', [url], { DATA_DIR: dataDir, DATABASE_URL: '' });
}

/** A provider that types a paragraph and waits for the server to acknowledge it; the caller destroys it. */
async function typeInto(server: Awaited<ReturnType<typeof startServer>>, token: string, documentId: string, text: string) {
	const peer = connectPeer(server, documentName(documentId), token);
	await within(peer.synced, 10_000, 'the first sync');
	appendParagraph(peer, text);
	await allSaved(peer);
	return peer;
}

/**
 * An edit the server logged but had not yet folded into the document's state, as a crash leaves
 * it (when the server folds is its own affair): a row of the update log, whose id the copy carries.
 */
function appendLoggedEdit(dataDir: string, documentId: string, text: string): void {
	const sqlite = new Database(databaseFile(dataDir));
	try {
		const doc = new Y.Doc();
		const state = sqlite.prepare('SELECT state FROM document_states WHERE document_id = ?').pluck().get(documentId) as Buffer | undefined;
		if (state) Y.applyUpdate(doc, state);
		for (const update of sqlite.prepare('SELECT "update" FROM document_updates WHERE document_id = ? ORDER BY id').pluck().all(documentId) as Buffer[])
			Y.applyUpdate(doc, update);
		const before = Y.encodeStateVector(doc);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(text)]);
		const fragment = doc.getXmlFragment('default');
		fragment.insert(fragment.length, [paragraph]);
		sqlite.prepare('INSERT INTO document_updates (document_id, "update") VALUES (?, ?)').run(documentId, Buffer.from(Y.encodeStateAsUpdate(doc, before)));
		doc.destroy();
	} finally {
		sqlite.close();
	}
}

describe('npm run db:copy', () => {
	it('moves a SQLite practice into PostgreSQL, where a server serves its records and text', async () => {
		const dataDir = temporaryDataDir();
		const sqliteServer = await startOnSqlite(dataDir);
		const trainer = await signUpTrainer(sqliteServer);
		const clientId = await addClient(sqliteServer, trainer, 'Carla Copied');
		const documentId = await createBlankDocument(sqliteServer, trainer, clientId, 'Notes moved to PostgreSQL');
		(await typeInto(sqliteServer, trainer.token, documentId, 'Written on SQLite, read on PostgreSQL.')).destroy();
		const target = (await testDatabaseUrl())!;
		expect(target).toMatch(/^postgres/);

		const whileRunning = await copyInto(dataDir, target);
		expect(whileRunning.code).toBe(1);
		expect(whileRunning.output.trim()).toMatch(/^Bridgework is running on .* stop it before copying\. Nothing was copied\.$/);
		expect(await rows(target, 'users')).toBe(0);
		expect(await sqliteServer.stop()).toBe(0);
		appendLoggedEdit(dataDir, documentId, 'Logged, not yet folded into the state.');

		const copied = await copyInto(dataDir, target);
		expect(copied.output).toMatch(/every count matches, and 1 documents and \d+ practices decode to the same state/);
		expect(copied.output).toMatch(/^\s+users\s+1$/m);
		expect(copied.output).toMatch(/^\s+clients\s+1$/m);
		expect(copied.output).toMatch(/^\s+document_updates\s+1$/m);
		expect(copied.code).toBe(0);
		for (const table of ['document_updates', 'access_changes']) {
			const { next, max } = await nextId(target, table);
			expect(max, table).toBeGreaterThan(0);
			expect(next, table).toBeGreaterThan(max);
		}

		const postgresServer = await startServer({ databaseUrl: target });
		try {
			// The session was copied too: the trainer is still signed in, on the other database.
			const page = await fetch(`${postgresServer.url}/clients/${clientId}`, { headers: { cookie: trainer.cookie } });
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain('Carla Copied');
			expect(html).toContain('Notes moved to PostgreSQL');

			const reader = connectPeer(postgresServer, documentName(documentId), trainer.token);
			try {
				await within(reader.synced, 10_000, 'the first sync on PostgreSQL');
				expect(paragraphs(reader.doc)).toEqual(['Written on SQLite, read on PostgreSQL.', 'Logged, not yet folded into the state.']);
				// New rows take ids after the copied ones: the sequences were moved past them.
				appendParagraph(reader, 'Written on PostgreSQL.');
				await allSaved(reader);
			} finally {
				reader.destroy();
			}
			expect(await addClient(postgresServer, trainer, 'Second Client')).toBeTruthy();
		} finally {
			await postgresServer.stop();
		}
	});

	it('refuses a database that already holds data, and leaves it as it was', async () => {
		const dataDir = temporaryDataDir();
		const sqliteServer = await startOnSqlite(dataDir);
		await signUpTrainer(sqliteServer);
		expect(await sqliteServer.stop()).toBe(0);
		const target = (await testDatabaseUrl())!;
		const occupied = await startServer({ databaseUrl: target });
		const trainer = await signUpTrainer(occupied);
		await addClient(occupied, trainer, 'Already Here');
		expect(await occupied.stop()).toBe(0);

		const refused = await copyInto(dataDir, target);
		expect(refused.code).toBe(1);
		const lines = refused.output.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/is not empty \((?=.*users)(?=.*clients).*\): copy into a new, empty database\. Nothing was copied\.$/);
		expect(refused.output).not.toContain('password');
		expect(await rows(target, 'users')).toBe(1);
		expect(await rows(target, 'clients')).toBe(1);
	});

	it('keeps nothing when the practice does not verify', async () => {
		const dataDir = temporaryDataDir();
		const sqliteServer = await startOnSqlite(dataDir);
		const trainer = await signUpTrainer(sqliteServer);
		const documentId = await createBlankDocument(sqliteServer, trainer, await addClient(sqliteServer, trainer));
		expect(await sqliteServer.stop()).toBe(0);
		// A log row that is not a Yjs update, as a damaged disk or a stray write could leave.
		const sqlite = new Database(databaseFile(dataDir));
		sqlite.prepare('INSERT INTO document_updates (document_id, "update") VALUES (?, ?)').run(documentId, Buffer.from([0xff, 0xff, 0xff]));
		sqlite.close();
		const target = (await testDatabaseUrl())!;

		const refused = await copyInto(dataDir, target);
		expect(refused.code).toBe(1);
		expect(refused.output.trim()).toBe(`Document ${documentId} in SQLite does not decode (Unexpected end of array). Nothing was copied.`);
		expect(await rows(target, 'users')).toBe(0);
		expect(await rows(target, 'documents')).toBe(0);
	});

	it('names what it needs when given no PostgreSQL URL', async () => {
		const refused = await copyInto(temporaryDataDir(), 'sqlite://nowhere');
		expect(refused.code).toBe(1);
		expect(refused.output.trim()).toBe(
			'Name the empty PostgreSQL database to copy into (npm run db:copy -- postgres://user:password@host:5432/bridgework). Nothing was copied.'
		);
	});
});
