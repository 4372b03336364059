// Issue 19.2: an improvement in a client's measures becomes a suggestion for the trainer, which
// leads through the client's consent (asked for, never sent by the app) to a drafted progress
// report. Everything is read from the server's own answers and stored rows.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents, outcomePrompts, outgoingMail, users } from '../../server/db/schema.ts';
import { addMeasurement, readMeasurements } from '../../src/lib/shared/measures/store.ts';
import { addProvider, recordReferral } from '../../src/lib/shared/referrals/practice-doc.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';
import { acceptAsNewClient, addClient, createDocumentOfKind, inviteClient, signConsentWith, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { allSaved, connectPeer, documentName, within, type TestPeer } from './helpers/collab.ts';
import { readDirectly } from './helpers/database.ts';
import { pageData, submitAction } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

interface Suggestion {
	clientId: string;
	clientName: string;
	improvements: { key: string; text: string; sources: { citation: string }[] }[];
	provider: { id: string; name: string } | null;
	step: 'invite' | 'ask' | 'draft';
	reason: string | null;
	draftId: string;
}

let server: RunningServer;
let trainer: SignedIn;
let trainerId: string;
let providerId: string;
const peers: TestPeer[] = [];

beforeAll(async () => {
	server = await startServer();
	trainer = await signUpTrainer(server);
	const [row] = await readDirectly(server, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1));
	trainerId = row!.id;
});
afterAll(async () => {
	for (const peer of peers) peer.destroy();
	await server?.stop();
});

async function open(name: string): Promise<TestPeer> {
	const peer = connectPeer(server, name, trainer.token);
	peers.push(peer);
	await within(peer.synced, 10_000, `${name} to sync`);
	return peer;
}

/** A client with a progress log holding `values` (date → value) of one measure. */
async function clientWith(name: string, measure: string, unit: string, values: Array<[string, Record<string, number>]>) {
	const clientId = await addClient(server, trainer, name);
	const documentId = await createDocumentOfKind(server, trainer, clientId, 'progress_log');
	const peer = await open(documentName(documentId));
	values.forEach(([date, reading], index) => addMeasurement(peer.doc, { id: `${name}-${index}`, date, measure, unit, values: reading }));
	await allSaved(peer);
	return { clientId, documentId };
}

const home = async () => (await pageData<{ outcomes: Suggestion[] }>(server, '/clients', trainer.cookie)).outcomes;
const suggestionOf = async (clientId: string) => (await home()).find((suggestion) => suggestion.clientId === clientId);

describe('a client whose blood pressure is back in range', () => {
	let clientId: string;
	let client: SignedIn;

	beforeAll(async () => {
		({ clientId } = await clientWith('Rosa Martin', 'blood_pressure', 'mmHg', [
			['2026-10-03', { systolic: 146, diastolic: 84 }],
			['2026-11-07', { systolic: 138, diastolic: 83 }],
			['2026-12-04', { systolic: 128, diastolic: 82 }]
		]));
		const practice = await open(`practice:${trainerId}`);
		providerId = addProvider(practice.doc, providerFields({ name: 'Dr Ada Reyes', practiceName: 'Lakeside Family Medicine' }));
		recordReferral(practice.doc, { providerId, clientId, personName: 'Rosa Martin', date: '2026-09-20', note: '' });
		await allSaved(practice);
	});

	it('is named on the home screen, with its source, and leads to an invitation while Rosa has no account', async () => {
		const suggestion = await suggestionOf(clientId);
		expect(suggestion).toMatchObject({
			clientName: 'Rosa Martin',
			improvements: [{ text: 'Systolic blood pressure down 18 mmHg since 3 Oct, back below 130 mmHg' }],
			provider: { id: providerId, name: 'Dr Ada Reyes' },
			step: 'invite'
		});
		expect(suggestion?.improvements[0]?.sources[0]?.citation).toContain('ACC/AHA');
		// The diastolic fell by 2 and was already past 80 mmHg: nothing to say about it.
		expect(suggestion?.improvements).toHaveLength(1);
	});

	it('asks for consent without sending anything, and cannot draft a report before Rosa signs', async () => {
		client = await acceptAsNewClient(server, await inviteClient(server, trainer, clientId), 'Rosa Martin');
		expect(await suggestionOf(clientId)).toMatchObject({ step: 'ask', reason: expect.stringContaining('not signed a consent') });
		const mailBefore = await readDirectly(server, (db) => db.select({ id: outgoingMail.id }).from(outgoingMail));

		const request = await pageData<{ link: string; request: { providerLine: string; purpose: string } }>(
			server,
			`/clients/${clientId}/consent-request?provider=${providerId}`,
			trainer.cookie
		);
		expect(request.request.providerLine).toBe('Dr Ada Reyes, physician, Lakeside Family Medicine');
		const link = new URL(request.link);
		expect(link.pathname).toBe(`/my/consent/${clientId}`);
		// The address names no measure and no provider: only the directory entry's id.
		expect(link.search).not.toMatch(/pressure|Reyes/i);
		const mailAfter = await readDirectly(server, (db) => db.select({ id: outgoingMail.id }).from(outgoingMail));
		expect(mailAfter.length).toBe(mailBefore.length);

		// The client's own form starts from the request.
		const form = await pageData<{ request: { providerLine: string; purpose: string } | null }>(server, `${link.pathname}${link.search}`, client.cookie);
		expect(form.request).toEqual(
			expect.objectContaining({ providerLine: 'Dr Ada Reyes, physician, Lakeside Family Medicine', purpose: request.request.purpose })
		);
		// Another practice's trainer cannot open the request page for Rosa.
		const stranger = await signUpTrainer(server);
		expect((await fetch(`${server.url}/clients/${clientId}/consent-request`, { headers: { cookie: stranger.cookie } })).status).toBe(404);

		const suggestion = await suggestionOf(clientId);
		const refused = await submitAction<{ outcomeError?: string }>(
			server,
			`/clients/${clientId}?/draftOutcomeReport`,
			{ documentId: suggestion!.draftId, providerId },
			trainer.cookie
		);
		expect(refused).toMatchObject({ type: 'failure', status: 409, data: { outcomeError: expect.stringContaining('not signed') } });
		const reports = await readDirectly(server, (db) => db.select().from(documents).where(eq(documents.clientId, clientId)));
		expect(reports.map((document) => document.kind)).toEqual(['progress_log']);
	});

	it('becomes "Draft the progress report" once the consent covers Dr Reyes, and drafts it once with the measures filled in', async () => {
		const signed = await signConsentWith(server, client, clientId, {
			clientName: 'Rosa Martin',
			trainer,
			coEditing: true,
			providers: ['Dr Ada Reyes, physician, Lakeside Family Medicine']
		});
		expect(signed.status).toBe(303);
		const suggestion = await suggestionOf(clientId);
		expect(suggestion).toMatchObject({ step: 'draft', provider: { id: providerId } });

		const fields = { documentId: suggestion!.draftId, providerId };
		const drafted = await submitAction(server, `/clients/${clientId}?/draftOutcomeReport`, fields, trainer.cookie);
		expect(drafted).toEqual({ type: 'redirect', status: 303, location: `/documents/${suggestion!.draftId}` });
		// Sent twice (a double click, a resent form): the same report, not a second one.
		expect(await submitAction(server, `/clients/${clientId}?/draftOutcomeReport`, fields, trainer.cookie)).toEqual(drafted);
		const reports = await readDirectly(server, (db) => db.select().from(documents).where(eq(documents.clientId, clientId)));
		expect(reports.filter((document) => document.kind === 'progress_report').map((document) => document.id)).toEqual([suggestion!.draftId]);

		const report = await open(documentName(suggestion!.draftId));
		const text = report.doc.getXmlFragment('default').toString();
		expect(text).toContain('To: Dr Ada Reyes');
		expect(text).toContain('Systolic blood pressure down 18 mmHg since 3 Oct, back below 130 mmHg');
		expect(text).toContain('Period: 3 October 2026');
		expect(text).toContain('Whelton PK');
		expect(readMeasurements(report.doc).map((measurement) => measurement.values.systolic)).toEqual([146, 138, 128]);

		expect(await suggestionOf(clientId)).toBeUndefined();
		const decided = await readDirectly(server, (db) => db.select().from(outcomePrompts).where(eq(outcomePrompts.clientId, clientId)));
		expect(decided).toMatchObject([
			{ decision: 'drafted', documentId: suggestion!.draftId, improvementKey: 'blood_pressure|systolic||range:acc-aha-stage1-systolic' }
		]);
	});
});

describe('dismissing a suggestion', () => {
	it('keeps it dismissed on the server, and refuses keys it does not show and clients of another practice', async () => {
		const { clientId, documentId } = await clientWith('Sam Okafor', 'six_minute_walk', 'm', [
			['2026-09-01', { value: 380 }],
			['2026-12-01', { value: 425 }]
		]);
		const suggestion = await suggestionOf(clientId);
		expect(suggestion?.improvements.map((improvement) => improvement.text)).toEqual([
			'6-minute walk distance up 45 m since 1 Sept, reaching the minimal important difference (30 m)'
		]);
		const key = suggestion!.improvements[0]!.key;

		const stranger = await signUpTrainer(server);
		expect(await submitAction(server, '/clients?/dismissOutcome', { clientId, key }, stranger.cookie)).toMatchObject({ type: 'error', status: 404 });
		expect(await submitAction(server, '/clients?/dismissOutcome', { clientId, key: 'weight|value||change' }, trainer.cookie)).toMatchObject({
			type: 'failure',
			status: 409
		});
		expect(await submitAction(server, '/clients?/dismissOutcome', { clientId }, trainer.cookie)).toMatchObject({ type: 'failure', status: 400 });

		expect(await submitAction(server, '/clients?/dismissOutcome', { clientId, key }, trainer.cookie)).toMatchObject({
			type: 'success',
			data: { outcomeDismissed: 'Sam Okafor' }
		});
		expect(await suggestionOf(clientId)).toBeUndefined();
		expect(await pageData<{ outcome: Suggestion | null }>(server, `/clients/${clientId}`, trainer.cookie)).toMatchObject({ outcome: null });

		// A further walk still improves the same measure the same way: not asked again.
		const peer = await open(documentName(documentId));
		addMeasurement(peer.doc, { id: 'sam-later', date: '2026-12-20', measure: 'six_minute_walk', unit: 'm', values: { value: 440 } });
		await allSaved(peer);
		expect(await suggestionOf(clientId)).toBeUndefined();
		const rows = await readDirectly(server, (db) => db.select().from(outcomePrompts).where(eq(outcomePrompts.clientId, clientId)));
		expect(rows).toMatchObject([{ decision: 'dismissed', improvementKey: key, documentId: null }]);
	});

	it('says nothing for a change under the minimal important difference', async () => {
		const { clientId } = await clientWith('Lee Park', 'six_minute_walk', 'm', [
			['2026-09-01', { value: 380 }],
			['2026-12-01', { value: 400 }]
		]);
		expect(await suggestionOf(clientId)).toBeUndefined();
	});
});
