// The practice's outcome summary and the de-identified sample, on the real server: the page's
// numbers and suppression, the one-page PDF, the table placed into a service overview, and a
// sample that names nobody or is refused with nothing stored.
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMeasurement } from '../../src/lib/shared/measures/store.ts';
import type { Measurement } from '../../src/lib/shared/measures/types.ts';
import { addClient, consentingClient, createDocumentOfKind, createPracticeDocument, postForm, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { allSaved, connectPeer, documentName, within } from './helpers/collab.ts';
import { pageData, submitAction } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
let trainer: SignedIn;

type Group = { name: { kind: 'all' } | { kind: 'condition'; tag: string }; shown: boolean; n?: number; median?: number; reached?: number; reason?: string };
interface OutcomesPage {
	summary: { measures: { measureId: string; groups: Group[] }[] };
	documents: { id: string; title: string }[];
}

async function openDoc(documentId: string, who: SignedIn = trainer) {
	const peer = connectPeer(server, documentName(documentId), who.token);
	await within(peer.synced, 10_000, 'the document to sync');
	return peer;
}

async function recordMeasures(documentId: string, measurements: Omit<Measurement, 'id'>[]): Promise<void> {
	const peer = await openDoc(documentId);
	measurements.forEach((measurement, index) => addMeasurement(peer.doc, { id: `${documentId}-${index}`, ...measurement }));
	await allSaved(peer);
	peer.destroy();
}

/** A client with a six-minute walk at baseline and eight weeks later, tagged as given. */
async function walker(name: string, from: number, to: number, conditions = ''): Promise<string> {
	const clientId = await addClient(server, trainer, name);
	if (conditions) {
		const saved = await postForm(server, `/clients/${clientId}?/updateDetails`, { name, conditions }, trainer.cookie);
		expect(saved.status).toBe(200);
	}
	const logId = await createDocumentOfKind(server, trainer, clientId, 'progress_log');
	await recordMeasures(logId, [
		{ date: '2026-01-05', measure: 'six_minute_walk', unit: 'm', values: { value: from } },
		{ date: '2026-03-02', measure: 'six_minute_walk', unit: 'm', values: { value: to } }
	]);
	return clientId;
}

const label = (group: Group) => (group.name.kind === 'all' ? 'All clients' : group.name.tag);

beforeAll(async () => {
	server = await startServer();
	trainer = await signUpTrainer(server, { name: 'Tess Trainer' });
	// 12 clients: 6 with hypertension (+40 m each), 1 after a knee replacement, 5 untagged (+10 m).
	for (const name of ['Ada Brook', 'Ben Carver', 'Cleo Dunn', 'Dev Ellis', 'Eve Frost', 'Finn Grey'])
		await walker(name, 300, 340, 'Hypertension, hypertension ');
	await walker('Gus Hart', 300, 300, 'Knee replacement');
	for (const name of ['Ivy Jones', 'Jay Kemp', 'Kit Lowe', 'Lea Moss', 'Max Nash']) await walker(name, 300, 310);
}, 120_000);
afterAll(() => server?.stop());

describe('the outcome summary', () => {
	it('gives n, the median change and the clients reaching the difference, suppressing a group under five', async () => {
		const page = await pageData<OutcomesPage>(server, '/providers/outcomes', trainer.cookie);
		const walk = page.summary.measures.find((measure) => measure.measureId === 'six_minute_walk');
		expect(walk?.groups.map((group) => [label(group), group.shown ? [group.n, group.median, group.reached] : group.reason])).toEqual([
			['All clients', [12, 25, 6]],
			['Hypertension', [6, 40, 6]],
			['Knee replacement', 'small']
		]);
	});

	it('is nobody else’s: another trainer sees only their own practice, and no one signed out reads the PDF', async () => {
		const other = await signUpTrainer(server);
		const page = await pageData<OutcomesPage>(server, '/providers/outcomes', other.cookie);
		expect(page.summary.measures).toEqual([]);
		const anonymous = await fetch(`${server.url}/providers/outcomes/pdf`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/signin/);
	});

	it('exports one tagged page that leaves the suppressed group out, name and all', async () => {
		const response = await fetch(`${server.url}/providers/outcomes/pdf?paper=a4`, { headers: { cookie: trainer.cookie } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
		expect(pdf.numPages).toBe(1);
		const info: Record<string, unknown> = { ...(await pdf.getMetadata()).info };
		expect(info.Title).toMatch(/^Outcome summary — /);
		expect(info.Language).toBe('en-GB');
		const { text } = await extractText(pdf, { mergePages: true });
		expect(text).toContain('Hypertension');
		expect(text).toContain('6 of 6 (100%)');
		expect(text).not.toContain('Knee replacement');
	});

	it('ends a Lunch & Learn handout, the suppressed group left out', async () => {
		const talkId = await createPracticeDocument(server, trainer, 'lunch_and_learn');
		const response = await fetch(`${server.url}/documents/${talkId}/handout/pdf`, { headers: { cookie: trainer.cookie } });
		expect(response.status).toBe(200);
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(await response.arrayBuffer())), { mergePages: true });
		expect(text).toContain('Outcome summary');
		expect(text).toContain('Hypertension');
		expect(text).not.toContain('Knee replacement');
	});

	it('is placed into a service overview as a table, and into nothing else', async () => {
		const overviewId = await createPracticeDocument(server, trainer, 'service_overview');
		const page = await pageData<OutcomesPage>(server, '/providers/outcomes', trainer.cookie);
		expect(page.documents.map((document) => document.id)).toContain(overviewId);
		// Open while the summary is placed: the open editor receives it live.
		const peer = await openDoc(overviewId);
		const placed = await submitAction<{ place: { saved?: string } }>(server, '/providers/outcomes?/place', { documentId: overviewId }, trainer.cookie);
		expect(placed.type).toBe('success');
		const fragment = peer.doc.getXmlFragment('default');
		const table = () => fragment.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'table');
		await within(
			new Promise<void>((resolve) => {
				if (table()) resolve();
				else peer.doc.on('update', () => table() && resolve());
			}),
			10_000,
			'the table to arrive'
		);
		const text = table()!.toString();
		expect(text).toContain('All clients');
		expect(text).toContain('Hypertension');
		expect(text).not.toContain('Knee replacement');
		peer.destroy();

		const reportOfClient = await createDocumentOfKind(server, trainer, await addClient(server, trainer, 'Nadia Other'), 'progress_report');
		const refused = await submitAction<{ place: { message: string } }>(server, '/providers/outcomes?/place', { documentId: reportOfClient }, trainer.cookie);
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		const other = await signUpTrainer(server);
		const foreign = await submitAction(server, '/providers/outcomes?/place', { documentId: overviewId }, other.cookie);
		expect(foreign).toMatchObject({ type: 'error', status: 404 });
		const malformed = await submitAction(server, '/providers/outcomes?/place', { documentId: 'x'.repeat(5000) }, trainer.cookie);
		expect(malformed).toMatchObject({ type: 'failure', status: 400 });
	});
});

describe('a de-identified sample', () => {
	let clientId: string;
	let reportId: string;

	beforeAll(async () => {
		clientId = await addClient(server, trainer, 'Margaret Okafor');
		await postForm(
			server,
			`/clients/${clientId}?/updateDetails`,
			{ name: 'Margaret Okafor', dateOfBirth: '1951-06-14', email: 'maggie@example.org' },
			trainer.cookie
		);
		reportId = await createDocumentOfKind(server, trainer, clientId, 'progress_report');
		const peer = await openDoc(reportId);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [
			new Y.XmlText('Margaret Okafor (born 14/06/1951, maggie@example.org) walked with Ada Brook on 2 March 2026; Tess Trainer called 020 7946 0958.')
		]);
		peer.text.insert(peer.text.length, [paragraph]);
		addMeasurement(peer.doc, { id: 'walk-1', date: '2026-01-05', measure: 'six_minute_walk', unit: 'm', values: { value: 320 } });
		addMeasurement(peer.doc, { id: 'walk-2', date: '2026-03-02', measure: 'six_minute_walk', unit: 'm', values: { value: 365 } });
		await allSaved(peer);
		peer.destroy();
	});

	it('is a practice document that names nobody, its dates in weeks', async () => {
		const made = await submitAction(server, `/documents/${reportId}?/sample`, {}, trainer.cookie);
		if (made.type !== 'redirect') throw new Error(`no redirect: ${JSON.stringify(made)}`);
		const sampleId = /^\/documents\/([0-9a-f-]{36})\?sample=made$/.exec(made.location)?.[1];
		expect(sampleId).toBeDefined();
		const page = await pageData<{ client: unknown; document: { title: string } }>(server, `/documents/${sampleId}`, trainer.cookie);
		expect(page.client).toBeNull();
		expect(page.document.title).toBe('Sample progress report to a provider, de-identified');
		const peer = await openDoc(sampleId!);
		const text = peer.doc.getXmlFragment('default').toString();
		peer.destroy();
		for (const identifier of ['Margaret', 'Okafor', '1951', 'maggie@', 'Ada', 'Brook', 'Tess', '2 March 2026', '7946']) expect(text).not.toContain(identifier);
		expect(text).toContain('[client] (born [date of birth], [email]) walked with [name] on [week 8]; [name] called [phone].');
		// The measures as a table in weeks from the first.
		expect(text).toContain('320 m [week 0]');
		expect(text).toContain('365 m [week 8]');
		const client = await pageData<{ documents: { id: string }[] }>(server, `/clients/${clientId}`, trainer.cookie);
		expect(client.documents.map((document) => document.id)).not.toContain(sampleId);
	});

	it('is refused, with nothing stored, while the client’s name remains where the scrubber cannot see it', async () => {
		const peer = await openDoc(reportId);
		// "Mar" + bold "garet": each piece alone is no name; the check reads the paragraph whole.
		const text = new Y.XmlText();
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [text]);
		peer.text.insert(peer.text.length, [paragraph]);
		text.insert(0, 'Mar');
		text.insert(3, 'garet', { bold: {} });
		text.insert(8, ' finished the programme.');
		await allSaved(peer);
		peer.destroy();
		const before = await pageData<{ documents: unknown[] }>(server, '/documents', trainer.cookie);
		const refused = await submitAction<{ sampleMessage: string }>(server, `/documents/${reportId}?/sample`, {}, trainer.cookie);
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		if (refused.type !== 'failure') return;
		expect(refused.data.sampleMessage).toBe(
			'The sample was not made: it still holds the client’s name (1 place). Change the report where the text names them and try again.'
		);
		const after = await pageData<{ documents: unknown[] }>(server, '/documents', trainer.cookie);
		expect(after.documents.length).toBe(before.documents.length);
	});

	it('is the trainer’s alone: another trainer is told the report does not exist, the client co-editing it is sent home', async () => {
		const other = await signUpTrainer(server);
		expect(await submitAction(server, `/documents/${reportId}?/sample`, {}, other.cookie)).toMatchObject({ type: 'error', status: 404 });
		const client = await consentingClient(server, trainer, clientId);
		expect(await submitAction(server, `/documents/${reportId}?/sample`, {}, client.cookie)).toMatchObject({ type: 'redirect', location: '/my' });
		// Nor does the client read the practice's outcomes, which count other people.
		expect((await fetch(`${server.url}/providers/outcomes/pdf`, { headers: { cookie: client.cookie }, redirect: 'manual' })).status).toBe(404);
		expect((await fetch(`${server.url}/providers/outcomes`, { headers: { cookie: client.cookie }, redirect: 'manual' })).status).toBe(404);
	});
});
