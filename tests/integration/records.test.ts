// Correcting and removing records against the real server: edits are validated, archive and
// delete narrow access through the policy, share links end, the trash is purged at start-up, and
// consent records and the audit trail survive it all.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addClient,
	approvePendingLinks,
	consentingClient,
	createBlankDocument,
	createShareLink,
	postForm,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { appendParagraph, connectPeer, documentName, eventually, paragraphs, within } from './helpers/collab.ts';
import { readDirectly, writeDirectly, type StoreLocation } from './helpers/database.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import type { Db } from '../../server/db/client.ts';
import { clients, consentRecords, documentStates, documentUpdates, documents, shareLinks, users } from '../../server/db/schema.ts';
import { readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const page = (pathname: string, cookie?: string) => fetch(`${server.url}${pathname}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

/** The first row a query finds in the server's database, read with a connection of the test's own. */
async function row<T>(query: (db: Db) => Promise<T[]>, location: StoreLocation = server): Promise<T | undefined> {
	const [found] = await readDirectly(location, query);
	return found;
}

/** How many rows a query finds. */
async function rowCount(query: (db: Db) => Promise<unknown[]>, location: StoreLocation = server): Promise<number> {
	return (await readDirectly(location, query)).length;
}

describe('correcting a client', () => {
	it('saves every field, and refuses a bad email without changing anything', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer, 'Marta Typo');
		const bad = await postForm(
			server,
			`/clients/${clientId}?/updateDetails`,
			{ name: 'Marta Tippo', email: 'marta@', dateOfBirth: '', notes: '' },
			trainer.cookie
		);
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Enter an email address such as name@example.com');
		expect((await row((db) => db.select({ name: clients.name }).from(clients).where(eq(clients.id, clientId))))?.name).toBe('Marta Typo');

		const good = await postForm(
			server,
			`/clients/${clientId}?/updateDetails`,
			{ name: 'Marta Tippo', email: 'marta@example.com', dateOfBirth: '1950-02-03', notes: 'Left hip replaced 2024.' },
			trainer.cookie
		);
		expect(good.status).toBe(200);
		expect(
			await row((db) =>
				db.select({ name: clients.name, email: clients.email, dob: clients.dateOfBirth, notes: clients.notes }).from(clients).where(eq(clients.id, clientId))
			)
		).toEqual({
			name: 'Marta Tippo',
			email: 'marta@example.com',
			dob: '1950-02-03',
			notes: 'Left hip replaced 2024.'
		});
	});

	it('is the trainer’s alone', async () => {
		const trainer = await signUpTrainer(server);
		const stranger = await signUpTrainer(server);
		const clientId = await addClient(server, trainer, 'Nina Own');
		const response = await postForm(server, `/clients/${clientId}?/updateDetails`, { name: 'Hijacked' }, stranger.cookie);
		expect(response.status).toBe(404);
		for (const action of ['archive', 'delete']) expect((await postForm(server, `/clients/${clientId}?/${action}`, {}, stranger.cookie)).status).toBe(404);
		expect(await row((db) => db.select({ name: clients.name, archived: clients.archivedAt }).from(clients).where(eq(clients.id, clientId)))).toEqual({
			name: 'Nina Own',
			archived: null
		});
	});
});

describe('renaming a document', () => {
	it('changes the title and refuses an empty one', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId, 'Progres log');
		expect((await postForm(server, `/documents/${documentId}?/rename`, { title: '  ' }, trainer.cookie)).status).toBe(400);
		expect((await postForm(server, `/documents/${documentId}?/rename`, { title: 'Progress log, spring' }, trainer.cookie)).status).toBe(200);
		expect((await row((db) => db.select({ title: documents.title }).from(documents).where(eq(documents.id, documentId))))?.title).toBe('Progress log, spring');
	});
});

async function sharedDocument(trainer: SignedIn, clientName: string) {
	const clientId = await addClient(server, trainer, clientName);
	const documentId = await createBlankDocument(server, trainer, clientId, `${clientName}’s report`);
	const client = await consentingClient(server, trainer, clientId);
	const link = await createShareLink(server, trainer, documentId);
	if (!link.token) throw new Error(`no share link (${link.status})`);
	await approvePendingLinks(server, client, clientId);
	expect((await page(`/s/${link.token}`)).status).toBe(200);
	return { clientId, documentId, client, token: link.token };
}

describe('archiving', () => {
	it('hides a client from the list, keeps them read-only for the trainer and the client, shuts providers out, and restores', async () => {
		const trainer = await signUpTrainer(server);
		const { clientId, documentId, client, token } = await sharedDocument(trainer, 'Arlo Archive');

		const confirmation = await (await page(`/clients/${clientId}`, trainer.cookie)).text();
		expect(confirmation).toContain('1 share link ends now');
		expect(confirmation).toContain('Consent records and the audit trail of what was shared are never deleted');

		const archived = await postForm(server, `/clients/${clientId}?/archive`, {}, trainer.cookie);
		expect(archived.status).toBe(303);

		const list = await (await page('/clients', trainer.cookie)).text();
		expect(list).toMatch(/1 archived client/);
		expect(list).not.toMatch(new RegExp(`aria-label="Your clients"[\\s\\S]*Arlo Archive[\\s\\S]*archived client`));
		expect((await page(`/clients/${clientId}`, trainer.cookie)).status).toBe(200);
		expect((await page(`/documents/${documentId}`, trainer.cookie)).status).toBe(200);
		// Read only: no edit, and a new share link is refused.
		expect((await postForm(server, `/clients/${clientId}?/updateDetails`, { name: 'Changed' }, trainer.cookie)).status).toBe(404);
		expect((await createShareLink(server, trainer, documentId)).status).toBe(404);
		expect((await page(`/s/${token}`)).status).not.toBe(200);
		// The client keeps reading the records about them: archiving is the trainer's filing.
		expect((await page(`/documents/${documentId}`, client.cookie)).status).toBe(200);
		expect((await row((db) => db.select({ reason: shareLinks.revokedReason }).from(shareLinks).where(eq(shareLinks.documentId, documentId))))?.reason).toBe(
			'trainer'
		);

		// Both live connections open read only: neither can write.
		const trainerPeer = connectPeer(server, documentName(documentId), trainer.token);
		await within(trainerPeer.synced, 10_000, 'the trainer to sync');
		const clientPeer = connectPeer(server, documentName(documentId), client.token);
		await within(clientPeer.synced, 10_000, 'the client to sync');
		appendParagraph(trainerPeer, 'written while archived');
		appendParagraph(clientPeer, 'written by the client while archived');
		await new Promise((resolve) => setTimeout(resolve, 500));
		const stored = connectPeer(server, documentName(documentId), trainer.token);
		await within(stored.synced, 10_000, 'a second reader to sync');
		expect(paragraphs(stored.doc)).not.toContain('written while archived');
		expect(paragraphs(stored.doc)).not.toContain('written by the client while archived');
		for (const peer of [trainerPeer, clientPeer, stored]) peer.destroy();

		expect((await postForm(server, `/clients/${clientId}?/restore`, {}, trainer.cookie)).status).toBe(303);
		expect(await (await page('/clients', trainer.cookie)).text()).toContain('Arlo Archive');
		expect((await page(`/documents/${documentId}`, client.cookie)).status).toBe(200);
		// The ended link stays ended: restoring shares nothing again.
		expect((await page(`/s/${token}`)).status).not.toBe(200);
	});
});

describe('deleting', () => {
	it('puts a document in the trash, where the trainer restores it', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId, 'Mistaken log');
		const deleted = await postForm(server, `/documents/${documentId}?/delete`, {}, trainer.cookie);
		expect(deleted.headers.get('location')).toBe(`/clients/${clientId}?removed=document`);
		expect((await page(`/documents/${documentId}`, trainer.cookie)).status).toBe(404);
		expect(await (await page(`/clients/${clientId}`, trainer.cookie)).text()).not.toContain('Mistaken log');
		const trash = await (await page('/trash', trainer.cookie)).text();
		expect(trash).toContain('Mistaken log');
		expect(trash).toContain('erased on');

		expect((await postForm(server, '/trash?/restore', { kind: 'document', id: documentId }, trainer.cookie)).status).toBe(303);
		expect((await page(`/documents/${documentId}`, trainer.cookie)).status).toBe(200);
	});
});

describe('the trash at start-up', () => {
	it('purges what was deleted over 30 days ago, keeping consent records and the audit trail', async () => {
		const own = await startServer();
		try {
			const trainer = await signUpTrainer(own);
			const clientId = await addClient(own, trainer, 'Petra Purge');
			const documentId = await createBlankDocument(own, trainer, clientId, 'Old log');
			const keptId = await createBlankDocument(own, trainer, await addClient(own, trainer, 'Kim Kept'), 'Kept log');
			await consentingClient(own, trainer, clientId);
			const writer = connectPeer(own, documentName(documentId), trainer.token);
			await within(writer.synced, 10_000, 'writer to sync');
			appendParagraph(writer, 'Squats 3x10.');
			await eventually(() => !writer.provider.hasUnsyncedChanges, { what: 'the paragraph to be saved' });
			writer.destroy();
			expect((await postForm(own, `/clients/${clientId}?/delete`, {}, trainer.cookie)).status).toBe(303);
			expect((await postForm(own, `/documents/${keptId}?/delete`, {}, trainer.cookie)).status).toBe(303);
			await own.stop();

			// Thirty-one days pass for the client, one for the other document.
			const day = 24 * 60 * 60 * 1000;
			await writeDirectly(own, async (db) => {
				await db
					.update(clients)
					.set({ deletedAt: new Date(Date.now() - 31 * day) })
					.where(eq(clients.id, clientId));
				await db
					.update(documents)
					.set({ deletedAt: new Date(Date.now() - day) })
					.where(eq(documents.id, keptId));
			});

			const again = await startServer({ dataDir: own.dataDir, databaseUrl: own.databaseUrl });
			try {
				await eventually(
					async () => !!(await row((db) => db.select({ purgedAt: clients.purgedAt }).from(clients).where(eq(clients.id, clientId)), again))!.purgedAt,
					{
						what: 'the client to be purged'
					}
				);
				expect(
					await rowCount((db) => db.select({ id: documentStates.documentId }).from(documentStates).where(eq(documentStates.documentId, documentId)), again)
				).toBe(0);
				expect(
					await rowCount((db) => db.select({ id: documentUpdates.id }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId)), again)
				).toBe(0);
				expect(await row((db) => db.select({ email: clients.email, notes: clients.notes }).from(clients).where(eq(clients.id, clientId)), again)).toEqual({
					email: null,
					notes: ''
				});
				expect(
					await rowCount((db) => db.select({ id: consentRecords.id }).from(consentRecords).where(eq(consentRecords.clientId, clientId)), again)
				).toBeGreaterThan(0);
				expect(
					await rowCount((db) => db.select({ id: documentStates.documentId }).from(documentStates).where(eq(documentStates.documentId, keptId)), again)
				).toBe(1);
				expect(again.output()).toContain('Trash: purged 1 client(s), 1 document(s)');
				const trash = await (await fetch(`${again.url}/trash`, { headers: { cookie: trainer.cookie } })).text();
				expect(trash).not.toContain('Petra Purge');
				expect(trash).toContain('Kept log');
			} finally {
				await again.stop();
			}
		} finally {
			await own.stop();
		}
	});
});

describe('creating a client with an id chosen on the device', () => {
	it('makes one client however often the form is sent, and refuses another practice’s id', async () => {
		const trainer = await signUpTrainer(server);
		const id = crypto.randomUUID();
		const first = await postForm(server, '/clients?/addClient', { id, name: 'Olga Once' }, trainer.cookie);
		const second = await postForm(server, '/clients?/addClient', { id, name: 'Olga Once' }, trainer.cookie);
		expect(first.headers.get('location')).toBe(`/clients/${id}`);
		expect(second.headers.get('location')).toBe(`/clients/${id}`);
		expect(await rowCount((db) => db.select({ id: clients.id }).from(clients).where(eq(clients.id, id)))).toBe(1);

		const stranger = await signUpTrainer(server);
		const taken = await postForm(server, '/clients?/addClient', { id, name: 'Other' }, stranger.cookie);
		expect(taken.status).toBe(409);
		expect((await row((db) => db.select({ name: clients.name }).from(clients).where(eq(clients.id, id))))?.name).toBe('Olga Once');
		expect((await postForm(server, '/clients?/addClient', { id: 'not-a-uuid', name: 'X' }, trainer.cookie)).status).toBe(400);
	});
});

describe('creating a document with an id chosen on the device', () => {
	it('makes one document and logs one touchpoint however often the form is sent, as the offline outbox sends it', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const id = crypto.randomUUID();
		const fields = {
			id,
			kind: 'intro_letter_physician',
			title: 'Letter to Dr Reyes',
			providerName: 'Dr Ana Reyes',
			providerClinic: 'Riverside',
			addToDirectory: 'on'
		};
		// The outbox sends as use:enhance does: a SvelteKit action request answered in JSON.
		const send = () =>
			// A letter is the practice's own: it is created in the Documents area.
			fetch(`${server.url}/documents?/createDocument`, {
				method: 'POST',
				headers: {
					origin: server.url,
					cookie: trainer.cookie,
					'x-sveltekit-action': 'true',
					accept: 'application/json',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams(fields)
			});
		for (let attempt = 0; attempt < 3; attempt++) {
			const answer = (await (await send()).json()) as { type: string; location?: string };
			expect(answer).toEqual({ type: 'redirect', status: 303, location: `/documents/${id}` });
		}
		expect(await rowCount((db) => db.select({ id: documents.id }).from(documents).where(eq(documents.id, id)))).toBe(1);
		const trainerId = (await row((db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email))))?.id ?? '';
		const device = connectPeer(server, `practice:${trainerId}`, trainer.token);
		await within(device.synced, 10_000, 'the practice to sync');
		const practice = readPractice(device.doc);
		device.destroy();
		expect(practice.providers.map((p) => p.name)).toEqual(['Dr Ana Reyes']);
		expect(practice.touchpoints).toHaveLength(1);
		const taken = await postForm(server, `/clients/${clientId}?/createDocument`, { id, kind: 'blank' }, trainer.cookie);
		expect(taken.status).toBe(409);
	});
});
