import { afterEach, describe, expect, it } from 'vitest';
import { trainerWithDocument } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, eventually, paragraphs, within, type TestPeer } from './helpers/collab.ts';
import { startServer, temporaryDataDir, type RunningServer } from './helpers/server.ts';

const running: RunningServer[] = [];
const peers: TestPeer[] = [];
afterEach(async () => {
	for (const peer of peers.splice(0)) peer.destroy();
	for (const server of running.splice(0)) await server.stop();
});

/** A server on a new data folder, or (given a stopped server) on that server's data again. */
async function start(data: string | RunningServer, port?: number) {
	const server = await startServer(typeof data === 'string' ? { dataDir: data, port } : { dataDir: data.dataDir, databaseUrl: data.databaseUrl, port });
	running.push(server);
	return server;
}

async function readBack(server: RunningServer, documentId: string, token: string): Promise<string[]> {
	const reader = connectPeer(server, documentName(documentId), token);
	peers.push(reader);
	await within(reader.synced, 10_000, 'reader to sync');
	return paragraphs(reader.doc);
}

describe('persistence', () => {
	it('keeps a document across a graceful restart', async () => {
		const dataDir = temporaryDataDir();
		const first = await start(dataDir);
		const { trainer, documentId } = await trainerWithDocument(first);
		const writer = connectPeer(first, documentName(documentId), trainer.token);
		peers.push(writer);
		await within(writer.synced, 10_000, 'writer to sync');
		appendParagraph(writer, 'Baseline: timed up-and-go 13.2 s.');
		await allSaved(writer);

		expect(await first.stop('SIGTERM')).toBe(0);
		expect(first.output()).toContain('storing open documents');

		const second = await start(first);
		expect(await readBack(second, documentId, trainer.token)).toEqual(['Baseline: timed up-and-go 13.2 s.']);
	});

	it('loses no acknowledged edit when the server is killed with SIGKILL while two clients type', async () => {
		const dataDir = temporaryDataDir();
		const first = await start(dataDir);
		const { trainer, documentId } = await trainerWithDocument(first);
		const a = connectPeer(first, documentName(documentId), trainer.token);
		const b = connectPeer(first, documentName(documentId), trainer.token);
		peers.push(a, b);
		await within(Promise.all([a.synced, b.synced]), 10_000, 'peers to sync');

		// Type, and note what the server has acknowledged at the moment of the kill.
		for (let i = 0; i < 30; i++) {
			appendParagraph(a, `a${i}`);
			appendParagraph(b, `b${i}`);
		}
		await Promise.all([allSaved(a), allSaved(b)]);
		// b's edits reach a by broadcast, which can trail b's own acknowledgements on a busy machine.
		await eventually(() => paragraphs(a.doc).length === 60, { what: "b's edits to reach a" });
		const acknowledged = paragraphs(a.doc);
		expect(acknowledged).toHaveLength(60);
		expect(await first.kill()).toBeNull();

		// Nothing reconnects: only what the server itself wrote before dying counts here.
		a.provider.disconnect();
		b.provider.disconnect();
		const second = await start(first);
		const stored = await readBack(second, documentId, trainer.token);
		expect([...stored].sort()).toEqual([...acknowledged].sort());
	});

	it('takes back edits made while the server was down when clients reconnect', async () => {
		const dataDir = temporaryDataDir();
		const first = await start(dataDir);
		const { trainer, documentId } = await trainerWithDocument(first);
		const port = Number(new URL(first.url).port);
		const a = connectPeer(first, documentName(documentId), trainer.token);
		peers.push(a);
		await within(a.synced, 10_000, 'a to sync');
		appendParagraph(a, 'before the crash');
		await allSaved(a);
		await first.kill();

		appendParagraph(a, 'typed while the server was down');
		const second = await start(first, port);
		// The same provider reconnects by itself to the restarted server on the same port.
		await allSaved(a, 20_000);
		expect(await readBack(second, documentId, trainer.token)).toEqual(['before the crash', 'typed while the server was down']);
	});
});
