import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	acceptAsNewClient,
	addClient,
	consentingClient,
	createBlankDocument,
	inviteClient,
	postForm,
	revokeConsent,
	signConsent,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, paragraphs, within } from './helpers/collab.ts';
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

		const again = await postForm(server, `${new URL(link).pathname}?/createAccount`, { name: 'Mallory', email: `m-${Date.now()}@example.com`, password: 'a long enough password' });
		expect(again.status).toBe(410);
		expect(await again.text()).toContain('This invitation link has expired, has been used or was withdrawn');
		const signIn = await postForm(server, '/signin', { email: 'mallory@example.com', password: 'a long enough password' });
		expect(signIn.status).toBe(400);
	});

	it('answers an unknown or revoked token with the same page', async () => {
		expect((await page('/invite/not-a-real-token-at-all-xyz')).status).toBe(410);
		const clientId = await addClient(server, trainer, 'Rex Revoked');
		const link = await inviteClient(server, trainer, clientId);
		const clientPage = await (await page(`/clients/${clientId}`, trainer.cookie)).text();
		const invitationId = /name="invitationId" value="([^"]+)"/.exec(clientPage)?.[1] ?? '';
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
	it('is required before the client sees any document', async () => {
		const clientId = await addClient(server, trainer, 'Nora Notyet');
		const documentId = await createBlankDocument(server, trainer, clientId);
		const client = await acceptAsNewClient(server, await inviteClient(server, trainer, clientId), 'Nora Notyet');
		expect((await page(`/documents/${documentId}`, client.cookie)).status).toBe(404);
		const peer = connectPeer(server, documentName(documentId), client.token);
		expect(await within(peer.refused, 10_000, 'refusal')).toBe('forbidden');
		peer.destroy();

		expect((await signConsent(server, client, clientId)).status).toBe(303);
		expect((await page(`/documents/${documentId}`, client.cookie)).status).toBe(200);
	});

	it('stores the exact text signed, and refuses a signature over different text', async () => {
		const clientId = await addClient(server, trainer, 'Tara Text');
		const client = await acceptAsNewClient(server, await inviteClient(server, trainer, clientId), 'Tara Text');
		const form = await (await page(`/my/consent/${clientId}`, client.cookie)).text();
		expect(form).toContain('I may revoke this consent at any time');
		const tampered = await postForm(
			server,
			`/my/consent/${clientId}?/sign`,
			{ scope: 'kinds', kinds: 'progress_log', recipientsMode: 'per-link', purpose: 'Coordinating my care please.', expiresOn: '2027-12-01', read: 'on', signatureName: 'Tara Text', shownText: 'I agree to anything.' },
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

	it('revocation closes the client’s live connection within a second and refuses what follows', async () => {
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
		expect(await within(mine.refused, 10_000, 'refusal on reconnect')).toBe('forbidden');

		appendParagraph(mine, 'written after revoking');
		appendParagraph(owner, 'Trainer note after revocation.');
		await allSaved(owner);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(paragraphs(owner.doc)).toEqual(['My knees feel steadier on stairs.', 'Trainer note after revocation.']);
		expect(paragraphs(mine.doc)).not.toContain('Trainer note after revocation.');
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
