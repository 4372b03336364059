import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpTrainer, trainerWithDocument, type SignedIn } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, paragraphs, within } from './helpers/collab.ts';
import { sessions, users } from '../../server/db/schema.ts';
import { writeDirectly } from './helpers/database.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
let owner: SignedIn;
let documentId: string;

beforeAll(async () => {
	server = await startServer();
	({ trainer: owner, documentId } = await trainerWithDocument(server));
	const writer = connectPeer(server, documentName(documentId), owner.token);
	await within(writer.synced, 10_000, 'owner to sync');
	appendParagraph(writer, 'Confidential: resting blood pressure 142/91.');
	await allSaved(writer);
	writer.destroy();
});
afterAll(() => server?.stop());

/** Connects, expects a refusal with `reason`, and checks that nothing of the document arrived. */
async function expectRefused(token: string | null, reason: string, name = documentName(documentId)) {
	const peer = connectPeer(server, name, token);
	const refusal = await within(peer.refused, 10_000, `refusal (${reason})`);
	expect(refusal).toBe(reason);
	// Give any stray sync message the time to arrive before asserting that none did.
	await new Promise((resolve) => setTimeout(resolve, 300));
	expect(paragraphs(peer.doc)).toEqual([]);
	expect(peer.provider.isSynced).toBe(false);
	peer.destroy();
}

describe('onAuthenticate', () => {
	it('lets the owning trainer in with write access', async () => {
		const peer = connectPeer(server, documentName(documentId), owner.token);
		await within(peer.synced, 10_000, 'owner to sync');
		expect(paragraphs(peer.doc)).toEqual(['Confidential: resting blood pressure 142/91.']);
		expect(peer.provider.authorizedScope).toBe('read-write');
		peer.destroy();
	});

	it('refuses a connection with no token', () => expectRefused(null, 'unauthenticated'));

	it('refuses a made-up token', () => expectRefused('made-up-token', 'unauthenticated'));

	it('refuses another trainer’s session', async () => {
		const other = await signUpTrainer(server);
		await expectRefused(other.token, 'forbidden');
	});

	it('refuses an expired session', async () => {
		const expiring = await signUpTrainer(server);
		// Age every session of that user past its expiry, as 30 days of absence would.
		await writeDirectly(server, async (db) => {
			await db
				.update(sessions)
				.set({ expiresAt: new Date(0) })
				.where(inArray(sessions.userId, db.select({ id: users.id }).from(users).where(eq(users.email, expiring.email))));
		});
		await expectRefused(expiring.token, 'unauthenticated');
	});

	it('refuses a signed-out session', async () => {
		const leaving = await signUpTrainer(server);
		await fetch(`${server.url}/signout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, cookie: leaving.cookie, 'content-type': 'application/x-www-form-urlencoded' }
		});
		await expectRefused(leaving.token, 'unauthenticated');
	});

	it('closes the live connections of a session when it signs out elsewhere', async () => {
		const owned = await trainerWithDocument(server);
		const tab = connectPeer(server, documentName(owned.documentId), owned.trainer.token);
		await within(tab.synced, 10_000, 'tab to sync');
		const closed = new Promise<void>((resolve) => tab.provider.on('close', () => resolve()));
		await fetch(`${server.url}/signout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, cookie: owned.trainer.cookie, 'content-type': 'application/x-www-form-urlencoded' }
		});
		await within(closed, 2000, 'the other tab to be closed');
		expect(await within(tab.refused, 10_000, 'refusal on reconnect')).toBe('unauthenticated');
		tab.destroy();
	});

	it('refuses a name that is not a document', () => expectRefused(owner.token, 'not-found', 'doc:../../etc/passwd'));

	it('refuses cookie credentials from a page on another origin', async () => {
		const peer = connectPeer(server, documentName(documentId), 'cookie');
		// Node's WebSocket sends no Origin and no cookie: exactly what a cross-site page cannot forge either.
		expect(await within(peer.refused, 10_000, 'refusal')).toBe('unauthenticated');
		expect(paragraphs(peer.doc)).toEqual([]);
		peer.destroy();
	});
});
