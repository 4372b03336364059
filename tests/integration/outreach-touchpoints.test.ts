// A share link or a letter for a provider logs the touchpoint on that provider's timeline, through
// the real server's practice document, with no extra typing; and a practice the server cannot read
// never stops the link or the letter.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { practiceStates, shareLinks, users } from '../../server/db/schema.ts';
import { localDate } from '../../src/lib/shared/referrals/dates.ts';
import { addProvider, readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';
import type { Practice } from '../../src/lib/shared/referrals/types.ts';
import {
	addClient,
	consentingClient,
	createBlankDocument,
	createDocumentOfKind,
	createPracticeDocument,
	createShareLink,
	postForm,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { allSaved, connectPeer, documentName, eventually, within, type TestPeer } from './helpers/collab.ts';
import { readDirectly, writeDirectly } from './helpers/database.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const peers: TestPeer[] = [];
afterEach(() => {
	for (const peer of peers.splice(0)) peer.destroy();
});

async function userId(trainer: SignedIn): Promise<string> {
	const [row] = await readDirectly(server, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1));
	return row!.id;
}

/** The practice as a newly opened device of the trainer receives it: what the server stored. */
async function storedPractice(trainer: SignedIn): Promise<Practice> {
	const peer = connectPeer(server, `practice:${await userId(trainer)}`, trainer.token);
	peers.push(peer);
	await within(peer.synced, 10_000, 'a fresh device to sync the practice');
	return readPractice(peer.doc);
}

/** A trainer with Dr Ana Reyes in their directory, added from a device as the directory page does. */
async function trainerWithProvider() {
	const trainer = await signUpTrainer(server);
	const device = connectPeer(server, `practice:${await userId(trainer)}`, trainer.token);
	peers.push(device);
	await within(device.synced, 10_000, 'the trainer’s device to sync');
	const providerId = addProvider(
		device.doc,
		providerFields({ name: 'Dr Ana Reyes', role: 'physician', practiceName: 'Riverside Orthopaedics', email: 'reyes@riverside.example' })
	);
	await allSaved(device);
	return { trainer, device, providerId };
}

function linkRow(documentId: string) {
	return readDirectly(server, (db) =>
		db
			.select({
				name: shareLinks.providerName,
				practice: shareLinks.providerPractice,
				email: shareLinks.providerEmail,
				providerId: shareLinks.directoryProviderId
			})
			.from(shareLinks)
			.where(eq(shareLinks.documentId, documentId))
	);
}

const today = localDate(new Date());

describe('a share link for a provider', () => {
	it('picked from the directory logs exactly one “progress report shared” on them, and names them on the link', async () => {
		const { trainer, device, providerId } = await trainerWithProvider();
		const clientId = await addClient(server, trainer, 'Carla Client');
		const documentId = await createBlankDocument(server, trainer, clientId, 'Progress report, November');
		await consentingClient(server, trainer, clientId);

		// Without JavaScript the picker fills nothing: picking alone is enough.
		const link = await createShareLink(server, trainer, documentId, { directoryProviderId: providerId, providerName: '', providerPractice: '', today });
		expect(link.status).toBe(200);
		expect(link.token).toBeDefined();
		expect(link.logged).toEqual({ providerId, providerName: 'Dr Ana Reyes', added: false });
		expect(await linkRow(documentId)).toEqual([{ name: 'Dr Ana Reyes', practice: 'Riverside Orthopaedics', email: 'reyes@riverside.example', providerId }]);

		// The open device receives it at once, and a device opened later finds the same one touchpoint.
		await eventually(() => readPractice(device.doc).touchpoints.length > 0, { what: 'the touchpoint to reach the open device' });
		for (const practice of [readPractice(device.doc), await storedPractice(trainer)]) {
			expect(practice.touchpoints).toEqual([
				expect.objectContaining({
					providerId,
					kind: 'progress_report',
					date: today,
					outcome: 'Shared “Progress report, November” by link (it opens once the client approves it).',
					source: 'share_link'
				})
			]);
			expect(practice.providers).toMatchObject([{ id: providerId, stage: 'first_contact' }]);
		}
	});

	it('typed in, is added to the directory when asked, with its one touchpoint, and the link names it', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId, 'Report for Dr Okafor');
		await consentingClient(server, trainer, clientId);

		const link = await createShareLink(server, trainer, documentId, {
			providerName: 'Dr Sam Okafor',
			providerRole: 'chiropractor',
			providerPractice: 'Spine Works',
			addToDirectory: 'on',
			today
		});
		expect(link.token).toBeDefined();
		const practice = await storedPractice(trainer);
		expect(practice.providers).toMatchObject([{ name: 'Dr Sam Okafor', role: 'chiropractor', practiceName: 'Spine Works', stage: 'first_contact' }]);
		const added = practice.providers[0]!.id;
		expect(practice.touchpoints).toMatchObject([{ providerId: added, kind: 'progress_report', source: 'share_link' }]);
		expect(await linkRow(documentId)).toMatchObject([{ name: 'Dr Sam Okafor', providerId: added }]);

		// A second link to the same typed name finds them in the directory instead of adding a twin.
		const again = await createShareLink(server, trainer, documentId, {
			providerName: 'dr. sam okafor',
			providerRole: 'chiropractor',
			addToDirectory: 'on',
			today
		});
		expect(again.token).toBeDefined();
		const after = await storedPractice(trainer);
		expect(after.providers).toHaveLength(1);
		expect(after.touchpoints.filter((t) => t.providerId === added)).toHaveLength(2);
	});

	it('typed in and kept out of the directory, logs nothing', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId);
		await consentingClient(server, trainer, clientId);
		expect((await createShareLink(server, trainer, documentId, { providerName: 'Dr Lee', today })).token).toBeDefined();
		expect(await storedPractice(trainer)).toMatchObject({ providers: [], touchpoints: [] });
		expect(await linkRow(documentId)).toMatchObject([{ name: 'Dr Lee', providerId: null }]);
	});

	it('refuses a provider no longer in the directory, with a message, and creates nothing', async () => {
		const { trainer } = await trainerWithProvider();
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId);
		await consentingClient(server, trainer, clientId);
		const link = await createShareLink(server, trainer, documentId, { directoryProviderId: 'a-deleted-provider', today });
		expect(link.status).toBe(400);
		expect(link.errors.directoryProviderId).toContain('That provider is no longer in your directory.');
		expect(await linkRow(documentId)).toEqual([]);
		expect((await storedPractice(trainer)).touchpoints).toEqual([]);
	});
});

describe('a letter for a provider', () => {
	it('picked from the directory logs exactly one “letter or email sent”, and is addressed to them', async () => {
		const { trainer, providerId } = await trainerWithProvider();
		const documentId = await createPracticeDocument(server, trainer, 'intro_letter_physician', {
			title: 'Introducing Steady Strength',
			directoryProviderId: providerId,
			today
		});
		const practice = await storedPractice(trainer);
		expect(practice.touchpoints).toEqual([
			expect.objectContaining({ providerId, kind: 'letter_email', date: today, outcome: 'Letter drafted: Introducing Steady Strength', source: 'document' })
		]);
		// Picking alone addressed the letter: the template was filled from the directory on the server.
		const letter = connectPeer(server, documentName(documentId), trainer.token);
		peers.push(letter);
		await within(letter.synced, 10_000, 'the letter to sync');
		expect(letter.text.toArray().map((node) => (node instanceof Y.XmlElement ? node.toString() : ''))).toContainEqual(
			expect.stringContaining('Dear Dr Ana Reyes,')
		);
	});

	it('typed in is added to the directory when asked; a document that is not a letter logs nothing', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		await createPracticeDocument(server, trainer, 'follow_up_letter', {
			providerName: 'Dr Anna Patel',
			providerRole: 'physical_therapist',
			providerClinic: 'Lakeside PT',
			addToDirectory: 'on',
			today
		});
		await createDocumentOfKind(server, trainer, clientId, 'progress_report', { providerName: 'Dr Anna Patel', addToDirectory: 'on', today });
		const practice = await storedPractice(trainer);
		expect(practice.providers).toMatchObject([{ name: 'Dr Anna Patel', role: 'physical_therapist', practiceName: 'Lakeside PT' }]);
		expect(practice.touchpoints).toMatchObject([{ providerId: practice.providers[0]!.id, kind: 'letter_email', source: 'document' }]);
		expect(practice.touchpoints).toHaveLength(1);
	});
});

describe('a practice the server cannot read', () => {
	it('does not stop the share link or the letter, and the failure is logged', async () => {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId);
		await consentingClient(server, trainer, clientId);
		const trainerId = await userId(trainer);
		await writeDirectly(server, async (db) => {
			await db.insert(practiceStates).values({ trainerId, state: Buffer.from([0xff, 0xff, 0xff, 0xff]), storedAt: new Date() });
		});

		const link = await createShareLink(server, trainer, documentId, { providerName: 'Dr Lee', addToDirectory: 'on', today });
		expect(link.status).toBe(200);
		expect(link.token).toBeDefined();
		const letter = await postForm(
			server,
			'/documents?/createDocument',
			{ kind: 'intro_letter_chiropractor', providerName: 'Dr Lee', addToDirectory: 'on', today },
			trainer.cookie
		);
		expect(letter.status).toBe(303);
		expect(server.output()).toContain(`[referrals] could not read the practice of trainer ${trainerId}`);
	});
});
