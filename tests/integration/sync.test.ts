import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainerWithDocument } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, eventually, paragraphs, within } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

describe('two editors of one document', () => {
	it('see each other’s edits and converge', async () => {
		const { trainer, documentId } = await trainerWithDocument(server);
		const a = connectPeer(server, documentName(documentId), trainer.token);
		const b = connectPeer(server, documentName(documentId), trainer.token);
		await within(Promise.all([a.synced, b.synced]), 10_000, 'both peers to sync');

		appendParagraph(a, 'Session 1: 30-second chair stand, 9 repetitions.');
		await eventually(() => paragraphs(b.doc).length === 1, { what: 'b to receive a’s paragraph' });
		appendParagraph(b, 'Client reports less knee pain on stairs.');
		await eventually(() => paragraphs(a.doc).length === 2, { what: 'a to receive b’s paragraph' });

		expect(paragraphs(a.doc)).toEqual(paragraphs(b.doc));
		expect(paragraphs(a.doc)).toContain('Session 1: 30-second chair stand, 9 repetitions.');
		a.destroy();
		b.destroy();
	});

	it('keep both sides of concurrent edits', async () => {
		const { trainer, documentId } = await trainerWithDocument(server);
		const a = connectPeer(server, documentName(documentId), trainer.token);
		const b = connectPeer(server, documentName(documentId), trainer.token);
		await within(Promise.all([a.synced, b.synced]), 10_000, 'both peers to sync');

		for (let i = 0; i < 20; i++) {
			appendParagraph(a, `a${i}`);
			appendParagraph(b, `b${i}`);
		}
		await Promise.all([allSaved(a), allSaved(b)]);
		await eventually(() => paragraphs(a.doc).length === 40 && paragraphs(b.doc).length === 40, { what: '40 paragraphs on both' });

		expect(paragraphs(a.doc)).toEqual(paragraphs(b.doc));
		expect(paragraphs(a.doc).filter((p) => p.startsWith('a'))).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
		a.destroy();
		b.destroy();
	});
});
