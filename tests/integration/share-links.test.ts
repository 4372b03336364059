import { asc, eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { auditLog, shareLinks } from '../../server/db/schema.ts';
import {
	addClient,
	approvePendingLinks,
	consentingClient,
	createBlankDocument,
	createDocumentOfKind,
	createPracticeDocument,
	createShareLink,
	postForm,
	revokeConsent,
	sharedReport,
	signUpTrainer
} from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, eventually, paragraphs, within, type TestPeer } from './helpers/collab.ts';
import { readDirectly, writeDirectly } from './helpers/database.ts';
import { pageData } from './helpers/page-data.ts';

/** What the sharing page's load sends: the document's links. */
type SharingPage = { links: { id: string }[] };
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const get = (pathname: string, headers: Record<string, string> = {}) => fetch(`${server.url}${pathname}`, { redirect: 'manual', headers });

function auditRows() {
	return readDirectly(server, (db) =>
		db
			.select({ event: auditLog.event, detail: auditLog.detail, ip: auditLog.ipAddress, ua: auditLog.userAgent, linkId: auditLog.linkId })
			.from(auditLog)
			.orderBy(asc(auditLog.id))
	);
}

async function writeAsTrainer(documentId: string, token: string, text: string): Promise<TestPeer> {
	const peer = connectPeer(server, documentName(documentId), token);
	await within(peer.synced, 10_000, 'trainer to sync');
	appendParagraph(peer, text);
	await allSaved(peer);
	return peer;
}

describe('creating a link', () => {
	it('is refused, with the reason, when the client has not consented', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId);
		const result = await createShareLink(server, trainer, documentId);
		expect(result.status).toBe(400);
		expect(result.errors.form).toContain('has not signed a consent yet');
		expect(result.token).toBeUndefined();
	});

	it('waits for the client’s approval under "providers I approve per link"', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId);
		const client = await consentingClient(server, trainer, clientId);
		const { token } = await createShareLink(server, trainer, documentId);
		expect(token).toBeDefined();
		expect((await get(`/s/${token}`)).status).toBe(404);
		expect(await approvePendingLinks(server, client, clientId)).toBe(1);
		expect((await get(`/s/${token}`)).status).toBe(200);
	});

	it('stores only the hash of a 160-bit token', async () => {
		const { token } = await sharedReport(server);
		expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		const dump = JSON.stringify(await readDirectly(server, (db) => db.select().from(shareLinks)));
		expect(dump).not.toContain(token);
	});
});

describe('the provider’s page', () => {
	it('renders the report on the server, with names and nothing else of the workspace', async () => {
		const { trainer, documentId, token, text } = await sharedReport(server);
		(await writeAsTrainer(documentId, trainer.token, text)).destroy();
		const response = await get(`/s/${token}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
		expect(response.headers.get('x-robots-tag')).toContain('noindex');
		const html = await response.text();
		expect(html).toContain(text);
		expect(html).toContain('Steady Strength');
		expect(html).toContain('Carla Client');
		expect(html).toContain('Progress report, November');
		expect(html).toContain('noindex');
		expect(html).not.toContain('href="/clients');
		expect(html).not.toContain('Sign out');
	});

	it('gives unknown, malformed, expired and revoked tokens the same 404 page', async () => {
		const expired = await sharedReport(server);
		await writeDirectly(server, async (db) => {
			await db
				.update(shareLinks)
				.set({ expiresAt: new Date(1) })
				.where(eq(shareLinks.documentId, expired.documentId));
		});
		const revoked = await sharedReport(server);
		const linkId = (await pageData<SharingPage>(server, `/documents/${revoked.documentId}/sharing`, revoked.trainer.cookie)).links[0]?.id ?? '';
		expect((await postForm(server, `/documents/${revoked.documentId}/sharing?/revoke`, { linkId }, revoked.trainer.cookie)).status).toBe(200);

		const bodies = new Set<string>();
		for (const token of ['A'.repeat(27), 'not a token', expired.token, revoked.token]) {
			const response = await get(`/s/${encodeURIComponent(token)}`, { 'user-agent': 'integration-test' });
			expect(response.status).toBe(404);
			// The same page but for its CSP nonce, which is new in every response.
			bodies.add((await response.text()).replaceAll(/nonce="[^"]*"/g, ''));
		}
		expect(bodies.size).toBe(1);
		const refused = (await auditRows()).filter((row) => row.event === 'refused');
		expect(refused.map((row) => row.detail)).toEqual(expect.arrayContaining(['unknown', 'malformed', 'expired', 'revoked']));
		expect(refused.every((row) => row.ip && row.ua)).toBe(true);
	});

	it('audits every view and PDF download with address and browser', async () => {
		const { token } = await sharedReport(server);
		await get(`/s/${token}`, { 'user-agent': 'Provider Browser/1.0' });
		await get(`/s/${token}/pdf?paper=a4`, { 'user-agent': 'Provider Browser/1.0' });
		const rows = (await auditRows()).filter((row) => row.ua === 'Provider Browser/1.0');
		expect(rows.map((row) => row.event)).toEqual(['view', 'pdf']);
		expect(rows.every((row) => row.linkId && row.ip)).toBe(true);
	});
});

describe('read-only, enforced by the server', () => {
	it('ignores a raw provider client’s writes, and the editors are unaffected', async () => {
		const { trainer, documentId, token, text } = await sharedReport(server);
		const editor = await writeAsTrainer(documentId, trainer.token, text);
		const reader = connectPeer(server, documentName(documentId), `share:${token}`);
		await within(reader.synced, 10_000, 'reader to sync');
		expect(reader.provider.authorizedScope).toBe('readonly');
		expect(paragraphs(reader.doc)).toEqual([text]);

		appendParagraph(reader, 'Injected by the share link');
		await new Promise((resolve) => setTimeout(resolve, 500));
		appendParagraph(editor, 'Trainer keeps writing.');
		await allSaved(editor);
		await eventually(() => paragraphs(reader.doc).includes('Trainer keeps writing.'), { what: 'reader to follow live edits' });

		expect(paragraphs(editor.doc)).toEqual([text, 'Trainer keeps writing.']);
		const fresh = connectPeer(server, documentName(documentId), trainer.token);
		await within(fresh.synced, 10_000, 'fresh reader');
		expect(paragraphs(fresh.doc)).toEqual([text, 'Trainer keeps writing.']);
		for (const peer of [editor, reader, fresh]) peer.destroy();
	});

	it('drops the reader’s presence, and shows the reader only the editors’ names', async () => {
		const { trainer, documentId, token } = await sharedReport(server);
		const editor = connectPeer(server, documentName(documentId), trainer.token);
		editor.provider.setAwarenessField('user', { name: 'Tess Trainer', color: '#123456', email: 'tess@example.com' });
		editor.provider.setAwarenessField('cursor', { anchor: 1, head: 1 });
		await within(editor.synced, 10_000, 'editor');

		const doc = new Y.Doc();
		const awareness = new Awareness(doc);
		const reader = new HocuspocusProvider({ url: server.wsUrl, name: documentName(documentId), document: doc, awareness, token: `share:${token}` });
		reader.setAwarenessField('user', { name: 'Dr Lurker', color: '#ff0000' });
		await eventually(() => reader.isSynced, { what: 'reader to sync' });
		await eventually(() => [...awareness.getStates().values()].some((state) => (state.user as { name?: string } | undefined)?.name === 'Tess Trainer'), {
			what: 'editor name at the reader'
		});
		await new Promise((resolve) => setTimeout(resolve, 500));

		const seenByEditor = [...editor.provider.awareness!.getStates().entries()].filter(([id]) => id !== editor.doc.clientID).map(([, state]) => state);
		expect(seenByEditor.some((state) => JSON.stringify(state).includes('Dr Lurker'))).toBe(false);

		const seenByReader = [...awareness.getStates().entries()].filter(([id]) => id !== doc.clientID).map(([, state]) => state);
		for (const state of seenByReader) {
			expect(Object.keys(state)).toEqual(['user']);
			expect(Object.keys(state.user as object)).toEqual(['name']);
		}
		reader.destroy();
		editor.destroy();
	});
});

describe('revocation', () => {
	it('closes a provider’s live connection within a second and refuses it after', async () => {
		const { trainer, documentId, token } = await sharedReport(server);
		const reader = connectPeer(server, documentName(documentId), `share:${token}`);
		await within(reader.synced, 10_000, 'reader to sync');
		const closed = new Promise<void>((resolve) => reader.provider.on('close', () => resolve()));
		const linkId = (await pageData<SharingPage>(server, `/documents/${documentId}/sharing`, trainer.cookie)).links[0]?.id ?? '';
		const start = Date.now();
		await postForm(server, `/documents/${documentId}/sharing?/revoke`, { linkId }, trainer.cookie);
		await within(closed, 1000, 'the provider’s connection to close');
		expect(Date.now() - start).toBeLessThan(1000);
		expect(await within(reader.refused, 10_000, 'refusal on reconnect')).toBe('link-not-valid');
		expect((await get(`/s/${token}`)).status).toBe(404);
		reader.destroy();
	});

	it('follows the client revoking their consent', async () => {
		const { client, clientId, documentId, token } = await sharedReport(server);
		const reader = connectPeer(server, documentName(documentId), `share:${token}`);
		await within(reader.synced, 10_000, 'reader to sync');
		const closed = new Promise<void>((resolve) => reader.provider.on('close', () => resolve()));
		await revokeConsent(server, client, clientId);
		await within(closed, 1000, 'the provider’s connection to close');
		expect((await get(`/s/${token}`)).status).toBe(404);
		reader.destroy();
	});
});

describe('sent versions and PDFs', () => {
	it('freezes a sent version; later edits change only the live report', async () => {
		const { trainer, documentId, token, text } = await sharedReport(server);
		const editor = await writeAsTrainer(documentId, trainer.token, text);
		expect((await postForm(server, `/documents/${documentId}/sharing?/send`, { note: 'Sent with referral letter' }, trainer.cookie)).status).toBe(200);
		appendParagraph(editor, 'Added after sending.');
		await allSaved(editor);
		editor.destroy();

		const live = await (await get(`/s/${token}`)).text();
		expect(live).toContain('Added after sending.');
		const versionId = (await pageData<{ versions: { id: string }[] }>(server, `/s/${token}`)).versions[0]?.id;
		expect(versionId).toBeDefined();
		const versionPath = `/s/${token}/v/${versionId}`;
		const sent = await (await get(versionPath)).text();
		expect(sent).toContain(text);
		expect(sent).not.toContain('Added after sending.');
		expect(sent).toContain('Tess Trainer');
	});

	it('downloads a PDF with the practice, client, report text and page numbers', async () => {
		const { trainer, documentId, token, text } = await sharedReport(server);
		(await writeAsTrainer(documentId, trainer.token, text)).destroy();
		for (const paper of ['letter', 'a4']) {
			const response = await get(`/s/${token}/pdf?paper=${paper}`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/pdf');
			expect(response.headers.get('content-disposition')).toContain('attachment');
			const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
			const { text: pages } = await extractText(pdf, { mergePages: true });
			for (const part of ['Steady Strength', 'Client: Carla Client', 'Progress report, November', text, 'Page 1 of 1']) {
				expect(pages).toContain(part);
			}
			const [width] = (await pdf.getPage(1)).view.slice(2);
			expect(Math.round(width!)).toBe(paper === 'a4' ? 595 : 612);
		}
	});
});

describe('before a document goes to a provider', () => {
	it('lists the unfilled template prompts, and goes only once the trainer confirms', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer, 'Pat Prompt');
		const reportId = await createDocumentOfKind(server, trainer, clientId, 'progress_report', { providerName: 'Dr Ada Reyes' });
		await consentingClient(server, trainer, clientId);

		const page = await (await get(`/documents/${reportId}/sharing`, { cookie: trainer.cookie })).text();
		expect(page).toContain('template prompts are still unfilled');
		expect(page).toContain(`href="/documents/${reportId}?prompt=0"`);
		const refused = await createShareLink(server, trainer, reportId);
		expect(refused.status).toBe(400);
		expect(refused.errors.review).toMatch(/\d+ template prompts are still unfilled\. Fill them in, or confirm/);
		expect(refused.token).toBeUndefined();
		const unsent = await postForm(server, `/documents/${reportId}/sharing?/send`, { note: 'first report' }, trainer.cookie);
		expect(unsent.status).toBe(400);
		expect(await unsent.text()).toContain('still unfilled');

		expect((await createShareLink(server, trainer, reportId, { confirmPrompts: 'on' })).token).toBeDefined();
		expect((await postForm(server, `/documents/${reportId}/sharing?/send`, { note: 'first report', confirmPrompts: 'on' }, trainer.cookie)).status).toBe(200);
	});

	it('shares a practice document with no consent, and warns first when it names a client', async () => {
		const trainer = await signUpTrainer(server);
		await addClient(server, trainer, 'Margaret Whitfield');
		const overviewId = await createPracticeDocument(server, trainer, 'blank', { title: 'What we offer' });
		(await writeAsTrainer(overviewId, trainer.token, 'Supervised strength training for people after a joint replacement.')).destroy();
		const shared = await createShareLink(server, trainer, overviewId);
		expect(shared.status).toBe(200);
		// No client approves anything: the link works at once, and the provider's page names no client.
		const view = await (await get(`/s/${shared.token}`)).text();
		expect(view).toContain('Supervised strength training');
		expect(view).not.toContain('Client:');

		const storyId = await createPracticeDocument(server, trainer, 'blank', { title: 'A success story' });
		(await writeAsTrainer(storyId, trainer.token, 'Mrs Whitfield now climbs her stairs without the rail.')).destroy();
		const warned = await createShareLink(server, trainer, storyId);
		expect(warned.status).toBe(400);
		expect(warned.errors.review).toContain('This practice document names Margaret Whitfield');
		expect(warned.token).toBeUndefined();
		const confirmed = await createShareLink(server, trainer, storyId, { confirmNamesClient: 'on' });
		expect(confirmed.token).toBeDefined();
		expect((await get(`/s/${confirmed.token}`)).status).toBe(200);
	});

	it('never shares the trainer’s private working notes', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer, 'Nina Notes');
		const notesId = await createDocumentOfKind(server, trainer, clientId, 'blank', { title: 'Working notes', private: 'on' });
		await consentingClient(server, trainer, clientId);
		const refused = await createShareLink(server, trainer, notesId);
		expect(refused.status).toBe(400);
		expect(refused.errors.form).toContain('These are private working notes');
		expect((await postForm(server, `/documents/${notesId}/sharing?/send`, {}, trainer.cookie)).status).toBe(400);
	});
});

describe('bad tokens from one address', () => {
	it('are slowed down', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 14; i++) statuses.push((await get(`/s/${'B'.repeat(26)}${i % 10}`)).status);
		expect(statuses).toContain(429);
		expect(statuses.slice(0, 1)).toEqual([404]);
	});
});
