import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addClient, createBlankDocument, signUpTrainer } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, eventually, paragraphs, within, type TestPeer } from './helpers/collab.ts';
import { runScript, startServer, temporaryDataDir, type RunningServer, type ServerOptions } from './helpers/server.ts';
import { databaseFile, storedParagraphs } from './helpers/stored.ts';

const running: RunningServer[] = [];
const peers: TestPeer[] = [];
afterEach(async () => {
	for (const peer of peers.splice(0)) peer.destroy();
	for (const server of running.splice(0)) await server.stop();
});

async function start(options: ServerOptions = {}) {
	const server = await startServer(options);
	running.push(server);
	return server;
}

const WRITERS = 30;
const DOCUMENTS = 10;

describe('backup and restore', () => {
	it('backs up while 30 clients write, and restores every edit acknowledged before the backup began', async () => {
		const server = await start();
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentIds: string[] = [];
		for (let i = 0; i < DOCUMENTS; i++) documentIds.push(await createBlankDocument(server, trainer, clientId, `Log ${i}`));
		const writers = Array.from({ length: WRITERS }, (_, i) => {
			const peer = connectPeer(server, documentName(documentIds[i % DOCUMENTS]!), trainer.token);
			peers.push(peer);
			return peer;
		});
		await within(Promise.all(writers.map((writer) => writer.synced)), 30_000, 'writers to sync');

		// Each writer types, waits until its edit is acknowledged, notes it, and types the next.
		const acknowledged = new Map<string, string[]>(documentIds.map((id) => [id, []]));
		let writing = true;
		let total = 0;
		const typing = writers.map(async (writer, i) => {
			const documentId = documentIds[i % DOCUMENTS]!;
			for (let n = 0; writing; n++) {
				const text = `writer ${i}, edit ${n}`;
				appendParagraph(writer, text);
				await allSaved(writer, 30_000);
				acknowledged.get(documentId)!.push(text);
				total += 1;
			}
		});
		await eventually(() => total >= 150, { timeoutMs: 60_000, what: '150 acknowledged edits' });

		const before = new Map([...acknowledged].map(([id, texts]) => [id, [...texts]]));
		const totalBefore = total;
		const backupDir = temporaryDataDir();
		const backup = await runScript('backup', [backupDir], { DATA_DIR: server.dataDir });
		const totalAfter = total;
		writing = false;
		await Promise.all(typing);
		expect(backup.output).toMatch(new RegExp(`^Backed up ${DOCUMENTS} documents and \\d+ practices to .+ \\(\\d+ KB, integrity ok\\)\\.\\n$`));
		expect(backup.code).toBe(0);
		// Clients kept writing while the copy was made.
		expect(totalAfter).toBeGreaterThan(totalBefore);

		const [file, ...others] = fs.readdirSync(backupDir);
		expect(others).toEqual([]);
		const restoreDir = temporaryDataDir();
		const restore = await runScript('restore', [path.join(backupDir, file!)], { DATA_DIR: restoreDir });
		expect(restore.output).toContain(`Restored ${DOCUMENTS} documents`);
		expect(restore.output).toContain('integrity ok');
		expect(restore.code).toBe(0);
		for (const [documentId, texts] of before) {
			expect(await storedParagraphs(restoreDir, documentId)).toEqual(expect.arrayContaining(texts));
		}

		// The restored database serves: a document opens from it with what it held.
		const restored = await start({ dataDir: restoreDir });
		const reader = connectPeer(restored, documentName(documentIds[0]!), trainer.token);
		peers.push(reader);
		await within(reader.synced, 10_000, 'reader to sync');
		expect(paragraphs(reader.doc)).toEqual(expect.arrayContaining(before.get(documentIds[0]!)!));
	});

	it('refuses to restore a damaged backup, or over a running server, and leaves the database as it was', async () => {
		const server = await start();
		const trainer = await signUpTrainer(server);
		await createBlankDocument(server, trainer, await addClient(server, trainer));
		const damaged = path.join(temporaryDataDir(), 'bridgework-damaged.sqlite');
		fs.writeFileSync(damaged, Buffer.alloc(8192, 0x5a));

		const overRunning = await runScript('restore', [damaged], { DATA_DIR: server.dataDir });
		expect(overRunning.code).toBe(1);
		expect(overRunning.output.trim()).toBe(`Bridgework is running on ${server.dataDir} (process ${server.process.pid}): stop it before restoring.`);

		await server.stop();
		running.splice(0);
		const sizeBefore = fs.statSync(databaseFile(server.dataDir)).size;
		const refused = await runScript('restore', [damaged], { DATA_DIR: server.dataDir });
		expect(refused.code).toBe(1);
		expect(refused.output.trim()).toBe(`${damaged} is not a readable Bridgework database (file is not a database).`);
		expect(fs.statSync(databaseFile(server.dataDir)).size).toBe(sizeBefore);
	});

	it('backs up on a schedule to BACKUP_DIR and keeps only the newest BACKUP_KEEP', async () => {
		const backupDir = temporaryDataDir();
		// Every 0.5 s (0.5 / 3600 of an hour), keeping two.
		const server = await start({ env: { BACKUP_DIR: backupDir, BACKUP_INTERVAL_HOURS: String(0.5 / 3600), BACKUP_KEEP: '2' } });
		await eventually(() => (server.output().match(/Backed up \d+ documents to /g) ?? []).length >= 4, { timeoutMs: 30_000, what: 'four scheduled backups' });
		const files = fs.readdirSync(backupDir).filter((name) => name.endsWith('.sqlite'));
		expect(files).toHaveLength(2);
	});
});
