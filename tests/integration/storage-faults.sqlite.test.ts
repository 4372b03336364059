import fs from 'node:fs';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { writeUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import { createBlankDocument, trainerWithDocument } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, eventually, paragraphs, within, type TestPeer } from './helpers/collab.ts';
import { startServer, temporaryDataDir, type RunningServer, type ServerOptions } from './helpers/server.ts';
import { appendLogRow, databaseFile, holdWriteLock, storedParagraphs } from './helpers/stored.ts';

// Acknowledged means on disk, under the faults a real server meets: a full disk, another process
// holding the write lock, updates Yjs would hold back, and a compaction retry outliving its document.

const running: RunningServer[] = [];
const peers: TestPeer[] = [];
afterEach(async () => {
	for (const peer of peers.splice(0)) peer.destroy();
	for (const server of running.splice(0)) await server.kill();
});

async function start(options: ServerOptions = {}) {
	const server = await startServer(options);
	running.push(server);
	return server;
}

function connect(server: RunningServer, documentId: string, token: string): TestPeer {
	const peer = connectPeer(server, documentName(documentId), token);
	peers.push(peer);
	return peer;
}

function portOf(server: RunningServer): number {
	return Number(new URL(server.url).port);
}

/** Until the server has acknowledged everything the peer sent, or refused to store some of it. */
function settled(peer: TestPeer, what: string): Promise<void> {
	return eventually(() => peer.acknowledgements.state.saved || peer.acknowledgements.state.storageRefused, { timeoutMs: 30_000, what });
}

/** Resolves once the server has closed the peer's socket after the peer left. */
async function leave(peer: TestPeer): Promise<void> {
	const socket = peer.provider.configuration.websocketProvider.webSocket;
	const closed = new Promise<void>((resolve) => {
		if (!socket || socket.readyState === WebSocket.CLOSED) resolve();
		else socket.addEventListener('close', () => resolve());
	});
	peer.destroy();
	peers.splice(peers.indexOf(peer), 1);
	await within(closed, 10_000, 'the socket to close');
}

/** Sends an update as a client would, whatever the peer's own document holds. */
function sendUpdate(peer: TestPeer, name: string, update: Uint8Array): void {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, name);
	encoding.writeVarUint(encoder, 0);
	writeUpdate(encoder, update);
	peer.provider.configuration.websocketProvider.send(encoding.toUint8Array(encoder));
}

/** Three updates of one device, each appending a paragraph after the one before: u1 needs u0, u2 needs u1. */
function chainedUpdates(texts: string[]): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	const fragment = doc.getXmlFragment('default');
	for (const text of texts) {
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(text)]);
		fragment.insert(fragment.length, [paragraph]);
	}
	doc.destroy();
	return updates;
}

function occurrences(haystack: string, needle: string): number {
	return haystack.split(needle).length - 1;
}

describe('storage faults', () => {
	it('refuses (never acknowledges) what a full database cannot store, and stores it once there is room', async () => {
		const dataDir = temporaryDataDir();
		const setup = await start({ dataDir });
		const { trainer, documentId } = await trainerWithDocument(setup);
		await setup.stop();
		running.splice(running.indexOf(setup), 1);

		// max_page_count a few pages above today's size: a real SQLITE_FULL after a few entries.
		const room = fs.statSync(databaseFile(dataDir)).size + 48 * 1024;
		const full = await start({ dataDir, env: { DATABASE_MAX_MB: String(room / 1024 / 1024) } });
		const writer = connect(full, documentId, trainer.token);
		await within(writer.synced, 10_000, 'writer to sync');

		const acknowledged: string[] = [];
		let refused = false;
		for (let i = 0; i < 40 && !refused; i++) {
			const text = `Entry ${i}: ${'walked 1.2 km, no rest; '.repeat(300)}`;
			appendParagraph(writer, text);
			await settled(writer, `entry ${i} to be acknowledged or refused`);
			if (writer.acknowledgements.state.saved) acknowledged.push(text);
			else refused = true;
		}
		expect(refused).toBe(true);
		expect(acknowledged.length).toBeGreaterThan(0);
		expect(full.output()).toContain('not stored (the database is full)');

		// Nothing reconnects before the kill counts: only what the server stored itself.
		await full.kill();
		expect(await storedParagraphs(dataDir, documentId)).toEqual(acknowledged);

		// With room again, the same provider resends what was refused (after a backoff that grew
		// while it was refused: up to the provider's 30 s).
		await start({ dataDir, port: portOf(full) });
		await allSaved(writer, 90_000);
		expect(await storedParagraphs(dataDir, documentId)).toHaveLength(acknowledged.length + 1);
	}, 120_000);

	it('refuses updates while another process holds the write lock, keeps serving, and stores them after', async () => {
		const server = await start();
		const { trainer, clientId, documentId } = await trainerWithDocument(server);
		const otherId = await createBlankDocument(server, trainer, clientId, 'Other notes');
		const writer = connect(server, documentId, trainer.token);
		await within(writer.synced, 10_000, 'writer to sync');
		appendParagraph(writer, 'before the lock');
		await allSaved(writer);

		const peer = connect(server, documentId, trainer.token);
		await within(peer.synced, 10_000, 'the other editor to sync');

		const lock = holdWriteLock(server.dataDir);
		try {
			appendParagraph(writer, 'while locked 1');
			appendParagraph(writer, 'while locked 2');
			// The other editor sees the edits at once; only the sender's acknowledgement waits for the disk.
			await eventually(() => paragraphs(peer.doc).includes('while locked 2'), { what: 'the edits to reach the other editor under the lock' });
			expect(writer.acknowledgements.state.saved).toBe(false);
			await settled(writer, 'the locked update to be refused');
			expect(writer.acknowledgements.state).toEqual({ saved: false, storageRefused: true });
			// The event loop is free: another document opens while the lock is still held.
			const reader = connect(server, otherId, trainer.token);
			await within(reader.synced, 10_000, 'another document to open');
			expect(await storedParagraphs(server.dataDir, documentId)).toEqual(['before the lock']);
		} finally {
			lock.release();
		}

		await allSaved(writer, 60_000);
		await server.kill();
		expect(await storedParagraphs(server.dataDir, documentId)).toEqual(['before the lock', 'while locked 1', 'while locked 2']);
	}, 120_000);

	// Updates Yjs would hold back (pending) are refused by the update guard before persistence sees
	// them (issue 10, item 4): never acknowledged, so nothing is lost, and nothing pending is stored.
	it('refuses updates Yjs would hold back for a missing dependency, and stores them once they arrive in order', async () => {
		const server = await start();
		const { trainer, documentId } = await trainerWithDocument(server);
		const name = documentName(documentId);
		const [u0, u1, u2] = chainedUpdates(['zero', 'one', 'two']);

		const sender = connect(server, documentId, trainer.token);
		await within(sender.synced, 10_000, 'sender to sync');
		const closed = new Promise<string>((resolve) => sender.provider.on('close', ({ event }: { event: { reason: string } }) => resolve(event.reason)));
		sendUpdate(sender, name, u1!);
		expect(await within(closed, 10_000, 'the held-back update to be refused')).toBe('update-refused');
		expect(await storedParagraphs(server.dataDir, documentId)).toEqual([]);
		await leave(sender);

		const completer = connect(server, documentId, trainer.token);
		await within(completer.synced, 10_000, 'completer to sync');
		for (const update of [u0!, u1!, u2!]) sendUpdate(completer, name, update);
		await eventually(async () => (await storedParagraphs(server.dataDir, documentId)).length === 3, { what: 'the three paragraphs to be stored' });
		expect(await storedParagraphs(server.dataDir, documentId)).toEqual(['zero', 'one', 'two']);
	});

	it('never lets a compaction retry from a document’s earlier life touch its next one', async () => {
		const server = await start();
		const { trainer, documentId } = await trainerWithDocument(server);
		const first = connect(server, documentId, trainer.token);
		await within(first.synced, 10_000, 'first writer to sync');
		const earlier = ['first life 0', 'first life 1', 'first life 2', 'first life 3', 'first life 4'];
		for (const text of earlier) appendParagraph(first, text);
		await allSaved(first);

		// Storing on unload fails under an outside lock, and a retry is scheduled for that Y.Doc.
		const lock = holdWriteLock(server.dataDir);
		const failed = `storing doc:${documentId} failed`;
		const before = occurrences(server.output(), failed);
		await leave(first);
		try {
			await eventually(() => occurrences(server.output(), failed) > before, { timeoutMs: 15_000, what: 'the store on unload to fail' });
			// Held past the first retry (500 ms), so that a retry that outlived its document, if there
			// were one, would come back (2 s later) while the next life is writing.
			await new Promise((resolve) => setTimeout(resolve, 1200));
		} finally {
			lock.release();
		}

		const second = connect(server, documentId, trainer.token);
		await within(second.synced, 10_000, 'second writer to sync');
		const later = Array.from({ length: 65 }, (_, i) => `second life ${i}`);
		for (const text of later) appendParagraph(second, text);
		await allSaved(second, 30_000);

		// Watch the disk across the window a stale retry would fire in: it must always hold all 70.
		const expected = [...earlier, ...later].sort();
		const deadline = Date.now() + 4000;
		while (Date.now() < deadline) {
			expect([...(await storedParagraphs(server.dataDir, documentId))].sort()).toEqual(expected);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		await server.kill();
		expect([...(await storedParagraphs(server.dataDir, documentId))].sort()).toEqual(expected);
	});

	it('compacts only the log rows the document holds, never one another process appended meanwhile', async () => {
		const server = await start();
		const { trainer, documentId } = await trainerWithDocument(server);
		const writer = connect(server, documentId, trainer.token);
		await within(writer.synced, 10_000, 'writer to sync');
		appendParagraph(writer, 'typed in the editor');
		await allSaved(writer);

		// A row the loaded document never saw: written straight into the log by another process.
		const [outside] = chainedUpdates(['written by another process']);
		await appendLogRow(server.dataDir, documentId, outside!);
		appendParagraph(writer, 'typed after it');
		await allSaved(writer);
		// Leaving stores the document: its compaction runs now, after the outside row was written.
		const failedBefore = occurrences(server.output(), 'failed');
		await leave(writer);
		expect(occurrences(server.output(), 'failed')).toBe(failedBefore);

		await server.kill();
		expect([...(await storedParagraphs(server.dataDir, documentId))].sort()).toEqual(['typed after it', 'typed in the editor', 'written by another process']);
	});
});
