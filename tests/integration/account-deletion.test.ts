import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, consentRecords, documentStates, documentUpdates, documents, outgoingMail } from '../../server/db/schema.ts';
import { readDirectly } from './helpers/database.ts';
import { postForm, sharedReport, signUpTrainer } from './helpers/accounts.ts';
import { connectPeer, documentName, within } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const signedIn = async (cookie: string) => (await get('/account', cookie)).status === 200;

describe('deleting a trainer account', () => {
	it('offers the export and says what goes, asking for the password', async () => {
		const { trainer } = await sharedReport(server);
		const html = await (await get('/account', trainer.cookie)).text();
		expect(html).toContain('Delete my account');
		expect(html).toContain('href="/settings/export"');
		expect(html).toMatch(/1 client record and\s+1 document/);
		expect(html).toContain('1 still working');
	});

	it('refuses a wrong password and changes nothing; then deletes the practice, ends sessions and closes open sockets', async () => {
		const { trainer, client, clientId, documentId, token } = await sharedReport(server);
		const peer = connectPeer(server, documentName(documentId), trainer.token);
		await within(peer.synced, 10_000, 'the trainer to sync');
		let closedAt: number | undefined;
		const closed = new Promise<number>((resolve) => peer.provider.on('close', () => resolve((closedAt ??= performance.now()))));

		const wrong = await postForm(server, '/account?/deleteAccount', { password: 'not my password' }, trainer.cookie);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('That is not your current password.');
		expect(await signedIn(trainer.cookie)).toBe(true);
		expect(await signedIn(client.cookie)).toBe(true);
		expect((await get(`/s/${token}`)).status).toBe(200);
		expect((await get(`/documents/${documentId}`, trainer.cookie)).status).toBe(200);
		expect(closedAt).toBeUndefined();

		const started = performance.now();
		const deleted = await postForm(server, '/account?/deleteAccount', { password: 'a long enough password' }, trainer.cookie);
		expect(deleted.status).toBe(303);
		expect(deleted.headers.get('location')).toBe('/account/deleted');
		expect(deleted.headers.get('set-cookie')).toMatch(/bw_session=;/);
		expect(await within(closed, 1000, 'the open document socket to close')).toBeLessThan(started + 1000);
		peer.destroy();

		expect(await signedIn(trainer.cookie)).toBe(false);
		// The client belonged only to this practice: their account went with it.
		expect(await signedIn(client.cookie)).toBe(false);
		expect((await get(`/s/${token}`)).status).toBe(404);
		expect((await postForm(server, '/signin', { email: trainer.email, password: 'a long enough password' })).status).toBe(400);
		expect(await (await get('/account/deleted')).text()).toContain('Your account is deleted');
		const stored = await readDirectly(server, async (db) => ({
			states: await db.select().from(documentStates).where(eq(documentStates.documentId, documentId)),
			updates: await db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)),
			document: (await db.select().from(documents).where(eq(documents.id, documentId)))[0],
			client: (await db.select().from(clients).where(eq(clients.id, clientId)))[0],
			consent: await db.select().from(consentRecords).where(eq(consentRecords.clientId, clientId))
		}));
		expect(stored.states).toEqual([]);
		expect(stored.updates).toEqual([]);
		expect(stored.document?.purgedAt).toBeInstanceOf(Date);
		expect(stored.client).toMatchObject({ email: null, notes: '' });
		expect(stored.client?.purgedAt).toBeInstanceOf(Date);
		// Append-only evidence stays: the database refuses to delete it.
		expect(stored.consent.length).toBeGreaterThan(0);
		// The address is free again: the person can start over.
		expect((await signUpTrainer(server, { email: trainer.email })).email).toBe(trainer.email);
	});

	it('counts wrong passwords against the sign-in throttle', async () => {
		const trainer = await signUpTrainer(server);
		const statuses: number[] = [];
		for (let attempt = 0; attempt < 7; attempt++)
			statuses.push((await postForm(server, '/account?/deleteAccount', { password: 'wrong guess' }, trainer.cookie)).status);
		expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
		const refused = await postForm(server, '/account?/deleteAccount', { password: 'wrong guess' }, trainer.cookie);
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain('Too many failed attempts');
		expect(await signedIn(trainer.cookie)).toBe(true);
	});
});

describe('deleting a client account', () => {
	it('revokes the consent with a new record, removes the sign-in and leaves the practice its client record', async () => {
		const { trainer, client, clientId, token } = await sharedReport(server);
		const before = await readDirectly(server, (db) => db.select().from(consentRecords).where(eq(consentRecords.clientId, clientId)));
		const html = await (await get('/account', client.cookie)).text();
		expect(html).toContain('revokes your consent');
		expect((await postForm(server, '/account?/deleteAccount', { password: 'wrong password' }, client.cookie)).status).toBe(400);
		expect((await get(`/s/${token}`)).status).toBe(200);

		const deleted = await postForm(server, '/account?/deleteAccount', { password: 'a long enough password' }, client.cookie);
		expect(deleted.status).toBe(303);
		expect(await signedIn(client.cookie)).toBe(false);
		expect((await postForm(server, '/signin', { email: client.email, password: 'a long enough password' })).status).toBe(400);
		expect((await get(`/s/${token}`)).status).toBe(404);

		const after = await readDirectly(server, async (db) => ({
			consent: await db.select().from(consentRecords).where(eq(consentRecords.clientId, clientId)),
			client: (await db.select().from(clients).where(eq(clients.id, clientId)))[0]
		}));
		expect(after.consent.slice(0, before.length)).toEqual(before);
		expect(after.consent.map((record) => record.action).at(-1)).toBe('revoke');
		expect(after.client).toMatchObject({ userId: null, deletedAt: null, purgedAt: null });
		// The trainer still has the client, sees the revocation, and is told in the Outbox (no mail server here).
		expect((await get(`/clients/${clientId}`, trainer.cookie)).status).toBe(200);
		const told = await readDirectly(server, (db) => db.select().from(outgoingMail).where(eq(outgoingMail.kind, 'client_left')));
		expect(told).toHaveLength(1);
		expect(told[0]).toMatchObject({ toAddress: trainer.email });
		expect(told[0]!.text).toContain('Closing the account revoked their consent to share');
		expect(told[0]!.text).toContain(`/clients/${clientId}`);
	});
});
