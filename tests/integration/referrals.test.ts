// The practice Y.Doc ("practice:<trainerId>") over the real server: who may open it, that it
// survives a crash like a client document, and the calendar feed a calendar app subscribes to.
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { users } from '../../server/db/schema.ts';
import { addProvider, logTouchpoint, readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';
import { postForm, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { allSaved, connectPeer, eventually, within, type TestPeer } from './helpers/collab.ts';
import { readDirectly } from './helpers/database.ts';
import { submitAction } from './helpers/page-data.ts';
import { startServer, temporaryDataDir, type RunningServer } from './helpers/server.ts';

const running: RunningServer[] = [];
const peers: TestPeer[] = [];
afterEach(async () => {
	for (const peer of peers.splice(0)) peer.destroy();
	for (const server of running.splice(0)) await server.stop();
});

/** A server on a new data folder, or (given a stopped server) on that server's data again. */
async function start(data: string | RunningServer = temporaryDataDir(), port?: number) {
	const server = await startServer(typeof data === 'string' ? { dataDir: data, port } : { dataDir: data.dataDir, databaseUrl: data.databaseUrl, port });
	running.push(server);
	return server;
}

async function userId(server: RunningServer, trainer: SignedIn): Promise<string> {
	const [row] = await readDirectly(server, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1));
	if (!row) throw new Error(`no user ${trainer.email}`);
	return row.id;
}

function practicePeer(server: RunningServer, trainerId: string, token: string | null) {
	const peer = connectPeer(server, `practice:${trainerId}`, token);
	peers.push(peer);
	return peer;
}

describe('the practice document over /collab', () => {
	it('lets its trainer in to write, and refuses everyone else', async () => {
		const server = await start();
		const owner = await signUpTrainer(server);
		const other = await signUpTrainer(server);
		const ownerId = await userId(server, owner);

		const peer = practicePeer(server, ownerId, owner.token);
		await within(peer.synced, 10_000, 'owner to sync');
		expect(peer.provider.authorizedScope).toBe('read-write');

		for (const [token, reason] of [
			[other.token, 'forbidden'],
			['made-up-token', 'unauthenticated'],
			[null, 'unauthenticated']
		] as const) {
			const stranger = practicePeer(server, ownerId, token);
			expect(await within(stranger.refused, 10_000, `refusal (${reason})`)).toBe(reason);
		}
		const malformed = practicePeer(server, 'not-a-uuid', owner.token);
		expect(await within(malformed.refused, 10_000, 'refusal of a bad name')).toBe('not-found');
	});

	it('loses no acknowledged edit when the server is killed, and serves it to a second device after restart', async () => {
		const dataDir = temporaryDataDir();
		const first = await start(dataDir);
		const trainer = await signUpTrainer(first);
		const trainerId = await userId(first, trainer);
		const laptop = practicePeer(first, trainerId, trainer.token);
		await within(laptop.synced, 10_000, 'laptop to sync');

		const providerId = addProvider(laptop.doc, providerFields({ name: 'Dr Ana Reyes' }));
		logTouchpoint(laptop.doc, { providerId, kind: 'letter_email', date: '2026-11-13', outcome: 'Letter sent.' });
		await allSaved(laptop);
		expect(await first.kill()).toBeNull();
		laptop.provider.disconnect();

		const second = await start(first);
		const phone = practicePeer(second, trainerId, trainer.token);
		await within(phone.synced, 10_000, 'phone to sync');
		expect(readPractice(phone.doc)).toMatchObject({
			providers: [{ id: providerId, name: 'Dr Ana Reyes', stage: 'first_contact' }],
			touchpoints: [{ kind: 'letter_email', next: { due: '2026-11-20', kind: 'call' } }]
		});
	});

	it('merges edits two devices made while one of them was offline', async () => {
		const server = await start();
		const trainer = await signUpTrainer(server);
		const trainerId = await userId(server, trainer);
		const laptop = practicePeer(server, trainerId, trainer.token);
		await within(laptop.synced, 10_000, 'laptop to sync');
		const providerId = addProvider(laptop.doc, providerFields());
		await allSaved(laptop);

		const phone = practicePeer(server, trainerId, trainer.token);
		await within(phone.synced, 10_000, 'phone to sync');
		phone.provider.disconnect();
		phone.doc.transact(() => phone.doc.getMap<Y.Map<unknown>>('providers').get(providerId)?.set('notes', 'Typed on the train.'));
		laptop.doc.transact(() => laptop.doc.getMap<Y.Map<unknown>>('providers').get(providerId)?.set('phone', '(555) 010-9999'));
		await allSaved(laptop);
		await phone.provider.connect();

		await eventually(
			() =>
				[laptop, phone].every(
					(p) => readPractice(p.doc).providers[0]?.notes === 'Typed on the train.' && readPractice(p.doc).providers[0]?.phone === '(555) 010-9999'
				),
			{ what: 'both devices to hold both edits' }
		);
		expect(readPractice(phone.doc)).toEqual(readPractice(laptop.doc));
	});
});

describe('the follow-up calendar feed', () => {
	async function issueFeed(server: RunningServer, trainer: SignedIn): Promise<string> {
		const response = await submitAction<{ feedUrl?: string }>(server, '/providers/calendar?/issue', {}, trainer.cookie);
		expect(response.status).toBe(200);
		const url = response.type === 'success' ? response.data.feedUrl : undefined;
		if (!url) throw new Error('the calendar page did not show a feed address');
		return url;
	}

	it('serves the stored follow-ups to a calendar app without a session, until revoked', async () => {
		const server = await start();
		const trainer = await signUpTrainer(server);
		const trainerId = await userId(server, trainer);
		const device = practicePeer(server, trainerId, trainer.token);
		await within(device.synced, 10_000, 'device to sync');
		const reyes = addProvider(device.doc, providerFields({ name: 'Dr Ana Reyes', practiceName: 'Riverside Orthopaedics' }));
		logTouchpoint(device.doc, {
			providerId: reyes,
			kind: 'call',
			date: '2026-11-18',
			outcome: '',
			next: { due: '2026-11-25', kind: 'visit', note: 'Bring the brochure.' }
		});
		await allSaved(device);

		const feedUrl = await issueFeed(server, trainer);
		const response = await fetch(feedUrl);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		const events = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events.map((e) => [e.summary, e.startDate.toString(), e.startDate.isDate])).toEqual([
			['Visit Dr Ana Reyes, Riverside Orthopaedics', '2026-11-25', true]
		]);
		expect(events[0]?.description).toContain(`${server.url}/providers/${reyes}`);

		// A second address replaces the first; revoking ends the second.
		const replacement = await issueFeed(server, trainer);
		expect((await fetch(feedUrl)).status).toBe(404);
		expect((await fetch(replacement)).status).toBe(200);
		expect((await postForm(server, '/providers/calendar?/revoke', {}, trainer.cookie)).status).toBe(200);
		expect((await fetch(replacement)).status).toBe(404);
	});

	it('answers 404 to a made-up address, and keeps the calendar page to its trainer', async () => {
		const server = await start();
		expect((await fetch(`${server.url}/calendar/${'a'.repeat(32)}/follow-ups.ics`)).status).toBe(404);
		const signedOut = await fetch(`${server.url}/providers/calendar`, { redirect: 'manual' });
		expect(signedOut.status).toBe(303);
		expect((await postForm(server, '/providers/calendar?/issue', {})).status).toBe(303);
		const trainer = await signUpTrainer(server);
		const directory = await fetch(`${server.url}/providers`, { headers: { cookie: trainer.cookie } });
		expect(directory.status).toBe(200);
	});
});
