import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentContent } from '../../src/lib/shared/editor/document-content.ts';
import { postForm, sharedReport } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, paragraphs, within, type TestPeer } from './helpers/collab.ts';
import { pageData } from './helpers/page-data.ts';
import { RawSocket, syncFrame } from './helpers/raw-socket.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { appendStoredUpdate, storedDocument } from './helpers/stored.ts';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

function closedWith(peer: TestPeer): Promise<string> {
	return new Promise((resolve) => peer.provider.on('close', ({ event }: { event: { reason: string } }) => resolve(event.reason)));
}

async function editorOf(documentId: string, token: string): Promise<TestPeer> {
	const peer = connectPeer(server, documentName(documentId), token);
	await within(peer.synced, 10_000, 'an editor to sync');
	return peer;
}

describe('the update guard', () => {
	it('refuses a co-editor’s element the schema does not know: not stored, not relayed, told to the sender', async () => {
		const { trainer, documentId, token, text } = await sharedReport(server);
		const writer = await editorOf(documentId, trainer.token);
		appendParagraph(writer, text);
		await allSaved(writer);
		const other = await editorOf(documentId, trainer.token);

		const closed = closedWith(writer);
		const script = new Y.XmlElement('script');
		script.insert(0, [new Y.XmlText('alert(document.cookie)')]);
		writer.text.insert(writer.text.length, [script]);
		expect(await within(closed, 10_000, 'the refusal')).toBe('update-refused');
		expect(writer.provider.hasUnsyncedChanges).toBe(true);

		// The other editor keeps working and never sees it; the store never holds it.
		appendParagraph(other, 'Next session: Thursday.');
		await allSaved(other);
		expect(other.text.toArray().some((node) => node instanceof Y.XmlElement && node.nodeName === 'script')).toBe(false);
		const stored = await storedDocument(server, documentId);
		expect(paragraphs(stored)).toEqual([text, 'Next session: Thursday.']);
		expect(readDocumentContent(stored.getXmlFragment('default')).foreign).toEqual([]);
		expect(server.output()).not.toMatch(/\n\s+at /);
		writer.destroy();
		other.destroy();

		const page = await fetch(`${server.url}/s/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).not.toContain('alert(document.cookie)');
	});

	it('refuses an update that depends on changes the server never had', async () => {
		const { trainer, documentId } = await sharedReport(server);
		const name = documentName(documentId);
		const socket = await RawSocket.open(server);
		expect(await socket.authenticate(name, trainer.token)).toEqual({ authenticated: 'read-write' });
		// An update missing its predecessor, as a peer that lost one would send it.
		const elsewhere = new Y.Doc();
		Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(await storedDocument(server, documentId)));
		const paragraph = new Y.XmlElement('paragraph');
		elsewhere.getXmlFragment('default').insert(0, [paragraph]);
		const before = Y.encodeStateVector(elsewhere);
		paragraph.insert(0, [new Y.XmlText('orphan')]);
		socket.send(syncFrame(name, 2, Y.encodeStateAsUpdate(elsewhere, before)));
		expect(await socket.documentClosed()).toBe('update-refused');
		const stored = await storedDocument(server, documentId);
		expect(stored.store.pendingStructs).toBeNull();
		expect(paragraphs(stored)).toEqual([]);
		socket.close();
	});

	it('closes the socket of a writer who keeps sending what is refused', async () => {
		const { trainer, documentId } = await sharedReport(server);
		const name = documentName(documentId);
		const socket = await RawSocket.open(server);
		const script = () => {
			const doc = new Y.Doc();
			doc.getXmlFragment('default').insert(0, [new Y.XmlElement('script')]);
			return Y.encodeStateAsUpdate(doc);
		};
		for (let attempt = 1; attempt <= 3; attempt++) {
			expect(await socket.authenticate(name, trainer.token)).toEqual({ authenticated: 'read-write' });
			const from = socket.received.length;
			socket.send(syncFrame(name, 2, script()));
			// The third time the socket closes too, possibly before the document's Close message arrives.
			const closed = await socket.documentClosed(10_000, from);
			if (attempt < 3) expect(closed).toBe('update-refused');
		}
		expect(await within(socket.closed, 10_000, 'the socket to close')).toEqual({ code: 4422, reason: 'update-refused' });
	});

	it('renders the share page, a sent version and the PDF of a document that already holds what the schema does not know', async () => {
		const { trainer, documentId, token, text } = await sharedReport(server);
		const writer = await editorOf(documentId, trainer.token);
		appendParagraph(writer, text);
		await allSaved(writer);
		writer.destroy();
		// As a version before the guard could have stored it.
		const legacy = await storedDocument(server, documentId);
		const before = Y.encodeStateVector(legacy);
		const script = new Y.XmlElement('script');
		script.insert(0, [new Y.XmlText('alert(1)')]);
		const odd = new Y.XmlElement('paragraph');
		odd.setAttribute('onclick', 'alert(2)');
		const marked = new Y.XmlText();
		marked.insert(0, 'Blinking text', { blink: {} });
		odd.insert(0, [marked]);
		legacy.getXmlFragment('default').insert(0, [script, odd]);
		await appendStoredUpdate(server, documentId, Y.encodeStateAsUpdate(legacy, before));

		const page = await fetch(`${server.url}/s/${token}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(text);
		expect(html).toContain('Blinking text');
		expect(html).not.toMatch(/alert\(|onclick|<script>alert/);
		expect((await fetch(`${server.url}/s/${token}/pdf`)).status).toBe(200);
		expect((await postForm(server, `/documents/${documentId}/sharing?/send`, { note: '' }, trainer.cookie)).status).toBe(200);
		const { versions } = await pageData<{ versions: { id: string }[] }>(server, `/s/${token}`);
		expect(versions).toHaveLength(1);
		const versionPath = `/s/${token}/v/${versions[0]!.id}`;
		const version = await fetch(`${server.url}${versionPath}`);
		expect(version.status).toBe(200);
		expect(await version.text()).toContain('Blinking text');
		expect((await fetch(`${server.url}${versionPath}/pdf`)).status).toBe(200);
		expect(server.output()).toContain('[render] left out what the document schema does not hold');

		// Editing goes on: what the document held before is not the next editor's fault.
		const next = await editorOf(documentId, trainer.token);
		appendParagraph(next, 'Edited after.');
		await allSaved(next);
		next.destroy();
	});
});
