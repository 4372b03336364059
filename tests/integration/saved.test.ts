import { afterEach, describe, expect, it } from 'vitest';
import { trainerWithDocument } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, eventually, within, type TestPeer } from './helpers/collab.ts';
import { startServer, temporaryDataDir, type RunningServer, type ServerOptions } from './helpers/server.ts';
import { storedParagraphs } from './helpers/stored.ts';

// "All changes saved" must mean the server acknowledged every update this device sent. The test
// peer counts acknowledgements with the app's own tracker (src/lib/sync/acknowledgements.ts).

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

describe('saved', () => {
	it('is said only once the disk holds every edit queued while the server was away', async () => {
		const dataDir = temporaryDataDir();
		const first = await start({ dataDir });
		const { trainer, documentId } = await trainerWithDocument(first);
		const writer = connectPeer(first, documentName(documentId), trainer.token);
		peers.push(writer);
		await within(writer.synced, 10_000, 'writer to sync');
		appendParagraph(writer, 'before the restart');
		await allSaved(writer);

		await first.kill();
		await eventually(() => !writer.acknowledgements.state.saved, { what: 'the tracker to notice the lost connection' });
		const queued = Array.from({ length: 9 }, (_, i) => `queued edit ${i}`);
		for (const text of queued) appendParagraph(writer, text);

		// The moment the app would show "All changes saved", read what is on disk (nothing is typed after).
		let onDiskWhenSaved: Promise<string[]> | null = null;
		const unsubscribe = writer.acknowledgements.subscribe(({ saved }) => {
			if (saved && onDiskWhenSaved === null) onDiskWhenSaved = storedParagraphs(first, documentId);
		});
		await start({ dataDir, databaseUrl: first.databaseUrl, port: Number(new URL(first.url).port) });
		await eventually(() => onDiskWhenSaved !== null, { timeoutMs: 60_000, what: 'the writer to be saved again' });
		unsubscribe();
		// TypeScript does not see the callback's assignment and narrows the variable to null here.
		expect(await (onDiskWhenSaved as Promise<string[]> | null)).toEqual(['before the restart', ...queued]);
	});
});
