import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMeasurement, readMeasurements } from '../../src/lib/shared/measures/store.ts';
import { extractText, getDocumentProxy } from 'unpdf';
import {
	addClient,
	approvePendingLinks,
	consentingClient,
	createDocumentOfKind,
	createPracticeDocument,
	createShareLink,
	postForm,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { allSaved, connectPeer, documentName, eventually, within, type TestPeer } from './helpers/collab.ts';
import { pageData } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
let trainer: SignedIn;
let clientId: string;

beforeAll(async () => {
	server = await startServer();
	trainer = await signUpTrainer(server);
	clientId = await addClient(server, trainer, 'Rosa Martin');
});
afterAll(() => server?.stop());

function plainText(node: Y.XmlElement | Y.XmlText): string {
	if (node instanceof Y.XmlText)
		return node
			.toDelta()
			.map((part: { insert: unknown }) => String(part.insert))
			.join('');
	return node
		.toArray()
		.map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? plainText(child) : ''))
		.join('');
}

function headings(doc: Y.Doc): string[] {
	return doc
		.getXmlFragment('default')
		.toArray()
		.filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading')
		.map(plainText);
}

async function openPeers(documentId: string, count: number): Promise<TestPeer[]> {
	const peers = Array.from({ length: count }, () => connectPeer(server, documentName(documentId), trainer.token));
	await within(Promise.all(peers.map((peer) => peer.synced)), 10_000, `${count} peers to sync`);
	return peers;
}

/** Client records are created on the client's page; letters and outreach in the practice's Documents area. */
const createOfKind = (kind: string, fields: Record<string, string> = {}) =>
	['progress_log', 'initial_assessment', 'progress_report', 'discharge_summary', 'blank'].includes(kind)
		? createDocumentOfKind(server, trainer, clientId, kind, fields)
		: createPracticeDocument(server, trainer, kind, fields);

const kinds = [
	['progress_log', 'Progress log: Rosa Martin'],
	['initial_assessment', 'Initial assessment summary'],
	['progress_report', 'Progress report: Rosa Martin'],
	['discharge_summary', 'Discharge summary: Rosa Martin'],
	['referral_form', 'Exercise referral to Steady Strength'],
	['service_overview', 'Steady Strength: medical exercise for your patients'],
	['phone_script', 'Phone script: calling Dr Anna Patel’s office'],
	['lunch_and_learn', 'Keeping your patients moving after discharge']
] as const;

describe('a document created from a template', () => {
	it.each(kinds)('%s has its sections once, however many people open it', async (kind, firstHeading) => {
		const documentId = await createOfKind(kind, { providerName: 'Dr Anna Patel' });
		const [a, b] = await openPeers(documentId, 2);
		if (!a || !b) throw new Error('peers missing');
		const seen = headings(a.doc);
		expect(seen[0]).toBe(firstHeading);
		expect(new Set(seen).size).toBe(seen.length);
		expect(headings(b.doc)).toEqual(seen);
		await Promise.all([allSaved(a), allSaved(b)]);
		a.destroy();
		b.destroy();

		// A later visitor finds exactly the same text: nothing was seeded again by either peer.
		const [later] = await openPeers(documentId, 1);
		expect(headings(later!.doc)).toEqual(seen);
		expect(later!.doc.getXmlFragment('default').length).toBe(a.doc.getXmlFragment('default').length);
		later!.destroy();
	});

	it('letters have no headings but open with the provider’s name, once', async () => {
		const documentId = await createOfKind('intro_letter_chiropractor', { providerName: 'Dr Sam Lee' });
		const [a, b] = await openPeers(documentId, 2);
		const greetings = (doc: Y.Doc) =>
			doc
				.getXmlFragment('default')
				.toArray()
				.filter((node) => node instanceof Y.XmlElement && plainText(node) === 'Dear Dr Sam Lee,');
		expect(greetings(a!.doc)).toHaveLength(1);
		expect(greetings(b!.doc)).toHaveLength(1);
		a!.destroy();
		b!.destroy();
	});
});

describe('measurements through the server', () => {
	it('keeps both people’s entries when they add at the same moment', async () => {
		const documentId = await createDocumentOfKind(server, trainer, clientId, 'progress_log');
		const [a, b] = await openPeers(documentId, 2);
		if (!a || !b) throw new Error('peers missing');
		for (let i = 0; i < 10; i++) {
			addMeasurement(a.doc, { id: `a${i}`, date: '2026-01-05', measure: 'timed_up_and_go', unit: 's', values: { value: 12 + i / 10 } });
			addMeasurement(b.doc, { id: `b${i}`, date: '2026-01-05', measure: 'chair_stand_30s', unit: 'stands', values: { value: 8 + i } });
		}
		await Promise.all([allSaved(a), allSaved(b)]);
		await eventually(() => readMeasurements(a.doc).length === 20 && readMeasurements(b.doc).length === 20, { what: '20 entries on both' });
		a.destroy();
		b.destroy();

		const [reader] = await openPeers(documentId, 1);
		const stored = readMeasurements(reader!.doc)
			.map((m) => m.id)
			.sort();
		expect(stored).toEqual([...Array.from({ length: 10 }, (_, i) => `a${i}`), ...Array.from({ length: 10 }, (_, i) => `b${i}`)].sort());
		reader!.destroy();
	});

	it('carries the client’s measurements into a new progress report', async () => {
		const ownClient = await addClient(server, trainer, 'Omar Haddad');
		const logId = await createDocumentOfKind(server, trainer, ownClient, 'progress_log');
		const [writer] = await openPeers(logId, 1);
		addMeasurement(writer!.doc, { id: 'baseline', date: '2026-01-05', measure: 'six_minute_walk', unit: 'm', values: { value: 320 } });
		await allSaved(writer!);

		// The log is still open: the report reads the server's update log, not only the stored state.
		const reportId = await createDocumentOfKind(server, trainer, ownClient, 'progress_report');
		const [reader] = await openPeers(reportId, 1);
		expect(readMeasurements(reader!.doc).map((m) => m.id)).toEqual(['baseline']);
		writer!.destroy();
		reader!.destroy();
	});
});

describe('the provider’s shared report', () => {
	it('shows the outcome measures with change from baseline, on the page and in the PDF', async () => {
		const ownClient = await addClient(server, trainer, 'Lena Fischer');
		const reportId = await createDocumentOfKind(server, trainer, ownClient, 'progress_report', { providerName: 'Dr Ada Reyes' });
		const [writer] = await openPeers(reportId, 1);
		addMeasurement(writer!.doc, { id: 't1', date: '2026-01-05', measure: 'timed_up_and_go', unit: 's', values: { value: 14.2 } });
		addMeasurement(writer!.doc, { id: 't2', date: '2026-03-01', measure: 'timed_up_and_go', unit: 's', values: { value: 11.1 } });
		await allSaved(writer!);
		writer!.destroy();

		const client = await consentingClient(server, trainer, ownClient);
		const link = await createShareLink(server, trainer, reportId, { confirmPrompts: 'on' });
		await approvePendingLinks(server, client, ownClient);
		const html = await (await fetch(`${server.url}/s/${link.token}`)).text();
		expect(html).toContain('Change from baseline');
		expect(html).toContain('14.2 s');
		expect(html).toContain('−3.1 s (−22%)');
		expect(html).toContain('Fall risk: 12 s or more');
		expect(html).toContain('STEADI');

		const pdf = await getDocumentProxy(new Uint8Array(await (await fetch(`${server.url}/s/${link.token}/pdf?paper=a4`)).arrayBuffer()));
		const { text } = await extractText(pdf, { mergePages: true });
		for (const part of ['Outcome measures: change from baseline', 'Timed up-and-go', '14.2 s (5 Jan', '−3.1 s (−22%), better', 'Fall risk: 12 s or more [1]']) {
			expect(text).toContain(part);
		}
	});
});

describe('the new-document form', () => {
	const create = (fields: Record<string, string>) => postForm(server, `/clients/${clientId}?/createDocument`, fields, trainer.cookie);

	it('refuses an unknown kind or provider role with a message, and creates nothing', async () => {
		const before = await (await fetch(`${server.url}/clients/${clientId}`, { headers: { cookie: trainer.cookie } })).text();
		const badKind = await create({ kind: 'prescription', title: 'Planted kind' });
		expect(badKind.status).toBe(400);
		expect(await badKind.text()).toContain('Choose a kind of document.');
		const badRole = await create({ kind: 'progress_report', title: 'Planted role', providerRole: 'surgeon' });
		expect(badRole.status).toBe(400);
		expect(await badRole.text()).toContain('Choose the provider’s role from the list.');
		// Letters and outreach belong to the practice: a client's page does not create them.
		const letter = await create({ kind: 'phone_script', title: 'Planted script' });
		expect(letter.status).toBe(400);
		expect(await letter.text()).toContain('Choose a kind of document from the list.');
		const after = await (await fetch(`${server.url}/clients/${clientId}`, { headers: { cookie: trainer.cookie } })).text();
		expect(after).not.toContain('Planted');
		expect(after.match(/href="\/documents\//g)?.length).toBe(before.match(/href="\/documents\//g)?.length);
	});
});

describe('the trainer’s own language hints', () => {
	const page = (who: SignedIn) => fetch(`${server.url}/settings/language`, { headers: { cookie: who.cookie } });

	it('are added, listed only to their owner, refused twice, and deleted only by their owner', async () => {
		const added = await postForm(
			server,
			'/settings/language?/add',
			{ phrases: 'gym rat, Gym-Rat', category: 'jargon', suggestion: 'a functional goal' },
			trainer.cookie
		);
		expect(added.status).toBe(303);
		const listing = await (await page(trainer)).text();
		expect(listing).toContain('gym rat, Gym-Rat');

		const again = await postForm(server, '/settings/language?/add', { phrases: 'GYM RAT', category: 'scope', suggestion: 'x' }, trainer.cookie);
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('You already have a hint for “GYM RAT”');

		const empty = await postForm(server, '/settings/language?/add', { phrases: ' , ', category: 'scope', suggestion: '' }, trainer.cookie);
		expect(empty.status).toBe(400);
		const emptyText = await empty.text();
		expect(emptyText).toContain('Enter the word or phrase to look for.');
		expect(emptyText).toContain('Suggest the wording to use instead.');

		const other = await signUpTrainer(server);
		expect(await (await page(other)).text()).not.toContain('gym rat');
		const id = (await pageData<{ own: { id: string }[] }>(server, '/settings/language', trainer.cookie)).own[0]?.id ?? '';
		expect(id).not.toBe('');
		expect((await postForm(server, '/settings/language?/delete', { id }, other.cookie)).status).toBe(404);
		expect(await (await page(trainer)).text()).toContain('gym rat');
		expect((await postForm(server, '/settings/language?/delete', { id }, trainer.cookie)).status).toBe(303);
		expect(await (await page(trainer)).text()).not.toContain('gym rat');
	});

	it('reach the editor of the trainer’s documents', async () => {
		await postForm(server, '/settings/language?/add', { phrases: 'bikini body', category: 'jargon', suggestion: 'a goal in daily life' }, trainer.cookie);
		const documentId = await createDocumentOfKind(server, trainer, clientId, 'blank');
		const html = await (await fetch(`${server.url}/documents/${documentId}`, { headers: { cookie: trainer.cookie } })).text();
		expect(html).toContain('bikini body');
	});
});
