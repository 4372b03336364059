import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	acceptAsNewClient,
	addClient,
	consentingClient,
	createBlankDocument,
	createDocumentOfKind,
	inviteClient,
	postForm,
	revokeConsent,
	signConsent,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, eventually, paragraphs, within } from './helpers/collab.ts';
import { pageData } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
let trainer: SignedIn;
beforeAll(async () => {
	server = await startServer();
	trainer = await signUpTrainer(server);
});
afterAll(() => server?.stop());

const page = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

describe('invitation', () => {
	it('links a new client account once; a used link shows a clear page and creates nothing', async () => {
		const clientId = await addClient(server, trainer, 'Ivy Invitee');
		const link = await inviteClient(server, trainer, clientId);
		const client = await acceptAsNewClient(server, link, 'Ivy Invitee');
		expect((await page('/my', client.cookie)).status).toBe(200);

		const again = await postForm(server, `${new URL(link).pathname}?/createAccount`, {
			name: 'Mallory',
			email: `m-${Date.now()}@example.com`,
			password: 'a long enough password'
		});
		expect(again.status).toBe(410);
		expect(await again.text()).toContain('This invitation link has expired, has been used or was withdrawn');
		const signIn = await postForm(server, '/signin', { email: 'mallory@example.com', password: 'a long enough password' });
		expect(signIn.status).toBe(400);
	});

	it('answers an unknown or revoked token with the same page', async () => {
		expect((await page('/invite/not-a-real-token-at-all-xyz')).status).toBe(410);
		const clientId = await addClient(server, trainer, 'Rex Revoked');
		const link = await inviteClient(server, trainer, clientId);
		const { invitations } = await pageData<{ invitations: { id: string }[] }>(server, `/clients/${clientId}`, trainer.cookie);
		const invitationId = invitations[0]?.id ?? '';
		expect((await postForm(server, `/clients/${clientId}?/revokeInvite`, { invitationId }, trainer.cookie)).status).toBe(200);
		const opened = await page(new URL(link).pathname);
		expect(opened.status).toBe(410);
		expect(opened.headers.get('referrer-policy')).not.toBe('same-origin');
	});

	it('is created only by the client’s own trainer', async () => {
		const clientId = await addClient(server, trainer, 'Owned Olive');
		const stranger = await signUpTrainer(server);
		const response = await postForm(server, `/clients/${clientId}?/invite`, {}, stranger.cookie);
		expect(response.status).toBe(404);
		expect(await response.text()).not.toContain('/invite/');
	});
});

describe('consent', () => {
	it('is not needed for the client to read the records about them; it is needed to co-edit them', async () => {
		const clientId = await addClient(server, trainer, 'Nora Notyet');
		const documentId = await createBlankDocument(server, trainer, clientId);
		const notesId = await createDocumentOfKind(server, trainer, clientId, 'blank', { title: 'Nora working notes', private: 'on' });
		const owner = connectPeer(server, documentName(documentId), trainer.token);
		await within(owner.synced, 10_000, 'the trainer to sync');
		appendParagraph(owner, 'Session 1: sit to stand from a low chair.');
		await allSaved(owner);
		const client = await acceptAsNewClient(server, await inviteClient(server, trainer, clientId), 'Nora Notyet');

		expect((await page(`/documents/${documentId}`, client.cookie)).status).toBe(200);
		const reader = connectPeer(server, documentName(documentId), client.token);
		await within(reader.synced, 10_000, 'the client to read');
		expect(paragraphs(reader.doc)).toEqual(['Session 1: sit to stand from a low chair.']);
		appendParagraph(reader, 'written before consenting');
		await new Promise((resolve) => setTimeout(resolve, 300));
		reader.destroy();
		// The trainer's private working notes are neither listed nor opened.
		const home = await (await page('/my', client.cookie)).text();
		expect(home).toContain(`/documents/${documentId}`);
		expect(home).not.toContain('Nora working notes');
		expect((await page(`/documents/${notesId}`, client.cookie)).status).toBe(404);

		expect((await signConsent(server, client, clientId)).status).toBe(303);
		const writer = connectPeer(server, documentName(documentId), client.token);
		await within(writer.synced, 10_000, 'the client to sync as an editor');
		appendParagraph(writer, 'written after consenting');
		await allSaved(writer);
		writer.destroy();
		await eventually(() => paragraphs(owner.doc).includes('written after consenting'), { what: 'the client’s edit to reach the trainer' });
		expect(paragraphs(owner.doc)).not.toContain('written before consenting');
		owner.destroy();
	});

	it('defaults to the clinical reports, not every kind of document', async () => {
		const clientId = await addClient(server, trainer, 'Dee Default');
		const client = await acceptAsNewClient(server, await inviteClient(server, trainer, clientId), 'Dee Default');
		const form = await (await page(`/my/consent/${clientId}`, client.cookie)).text();
		const ticked = [...form.matchAll(/name="kinds" value="([^"]+)"[^>]*checked/g)].map((match) => match[1]);
		const offered = [...form.matchAll(/name="kinds" value="([^"]+)"/g)].map((match) => match[1]);
		expect(ticked).toEqual(['initial_assessment', 'progress_report', 'discharge_summary']);
		expect(offered).toEqual(expect.arrayContaining(['progress_log', 'blank', ...ticked]));
		// Letters and outreach belong to the practice, not to the client: no consent covers them.
		expect(offered).not.toContain('phone_script');
		expect((await signConsent(server, client, clientId, true, { kinds: 'default' })).status).toBe(303);
		expect(await (await page(`/clients/${clientId}`, trainer.cookie)).text()).toContain('Consent in force');
	});

	it('stores the exact text signed, and refuses a signature over different text', async () => {
		const clientId = await addClient(server, trainer, 'Tara Text');
		const client = await acceptAsNewClient(server, await inviteClient(server, trainer, clientId), 'Tara Text');
		const form = await (await page(`/my/consent/${clientId}`, client.cookie)).text();
		expect(form).toContain('I may revoke this consent at any time');
		const tampered = await postForm(
			server,
			`/my/consent/${clientId}?/sign`,
			{
				scope: 'kinds',
				kinds: 'progress_log',
				recipientsMode: 'per-link',
				purpose: 'Coordinating my care please.',
				expiresOn: '2027-12-01',
				read: 'on',
				signatureName: 'Tara Text',
				shownText: 'I agree to anything.'
			},
			client.cookie
		);
		expect(tampered.status).toBe(409);
		const mine = await (await page('/my', client.cookie)).text();
		expect(mine).toContain('You have not signed a consent yet');

		expect((await signConsent(server, client, clientId)).status).toBe(303);
		const history = await (await page(`/clients/${clientId}`, trainer.cookie)).text();
		expect(history).toContain('Consent in force');
		expect(history).toContain('I, Tara Text, authorise Tess Trainer of Steady Strength');
	});

	it('revocation closes the client’s live connection within a second; they read on, and write nothing', async () => {
		const clientId = await addClient(server, trainer, 'Vera Revokes');
		const documentId = await createBlankDocument(server, trainer, clientId);
		const client = await consentingClient(server, trainer, clientId);
		const owner = connectPeer(server, documentName(documentId), trainer.token);
		const mine = connectPeer(server, documentName(documentId), client.token);
		await within(Promise.all([owner.synced, mine.synced]), 10_000, 'both to sync');
		appendParagraph(mine, 'My knees feel steadier on stairs.');
		await allSaved(mine);

		const closed = new Promise<number>((resolve) => mine.provider.on('close', () => resolve(Date.now())));
		const start = Date.now();
		expect((await revokeConsent(server, client, clientId)).status).toBe(200);
		await within(closed, 1000, 'the client’s connection to close');
		expect(Date.now() - start).toBeLessThan(1000);
		// The client reconnects as a reader: their records stay theirs to read, no longer to edit.
		await within(new Promise<void>((resolve) => mine.provider.on('synced', () => resolve())), 10_000, 'the client to reconnect');

		appendParagraph(mine, 'written after revoking');
		appendParagraph(owner, 'Trainer note after revocation.');
		await allSaved(owner);
		await eventually(() => paragraphs(mine.doc).includes('Trainer note after revocation.'), { what: 'the trainer’s note to reach the reader' });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(paragraphs(owner.doc)).toEqual(['My knees feel steadier on stairs.', 'Trainer note after revocation.']);
		const stored = connectPeer(server, documentName(documentId), trainer.token);
		await within(stored.synced, 10_000, 'a fresh reader');
		expect(paragraphs(stored.doc)).toEqual(['My knees feel steadier on stairs.', 'Trainer note after revocation.']);
		stored.destroy();
		expect(await (await page(`/clients/${clientId}`, trainer.cookie)).text()).toContain('Consent revoked');
		owner.destroy();
		mine.destroy();
	});
});

describe('a client', () => {
	it('sees only their own record and documents', async () => {
		const mineId = await addClient(server, trainer, 'Sam Self');
		const otherId = await addClient(server, trainer, 'Otto Other');
		const otherDoc = await createBlankDocument(server, trainer, otherId, 'Otto’s log');
		const client = await consentingClient(server, trainer, mineId);
		const home = await (await page('/my', client.cookie)).text();
		expect(home).not.toContain('Otto');
		expect((await page(`/clients/${otherId}`, client.cookie)).status).toBe(303);
		expect((await page(`/documents/${otherDoc}`, client.cookie)).status).toBe(404);
		expect((await page('/clients', client.cookie)).headers.get('location')).toBe('/my');
	});
});
