// The whole-practice export, and its restore into an empty Bridgework: export, import into a fresh
// data folder (a fresh PostgreSQL database in the postgres projects), and every record and
// document of the restored practice equals the original's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMeasurement } from '../../src/lib/shared/measures/store.ts';
import { users } from '../../server/db/schema.ts';
import { addProvider, logTouchpoint, readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';
import { testDatabaseUrl } from '../../server/testing/test-databases.ts';
import { createDocumentOfKind, postForm, sharedReport, type SignedIn } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, within } from './helpers/collab.ts';
import { readDirectly } from './helpers/database.ts';
import { pageData, submitAction } from './helpers/page-data.ts';
import { runScript, startServer, temporaryDataDir, type RunningServer } from './helpers/server.ts';

let original: RunningServer;
let restored: RunningServer | undefined;
afterAll(async () => {
	await original?.stop();
	await restored?.stop();
});

async function exportOf(server: RunningServer, who: SignedIn): Promise<Record<string, Uint8Array>> {
	const response = await fetch(`${server.url}/settings/export/download`, { headers: { cookie: who.cookie } });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe('application/zip');
	expect(response.headers.get('cache-control')).toContain('no-store');
	return unzipSync(new Uint8Array(await response.arrayBuffer()));
}

const text = (files: Record<string, Uint8Array>, name: string) => strFromU8(files[name] ?? new Uint8Array());
const records = (files: Record<string, Uint8Array>, name: string) => JSON.parse(text(files, `records/${name}.json`)) as Array<Record<string, unknown>>;
/** The audit trail is renumbered by the database it is restored into; everything else must match. */
const withoutIds = (rows: Array<Record<string, unknown>>) => rows.map(({ id: _id, ...rest }) => rest);

function docContent(bytes: Uint8Array | undefined) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, bytes!);
	const content = { text: doc.getXmlFragment('default').toJSON(), measurements: doc.getArray('measurements').toJSON() };
	doc.destroy();
	return content;
}

let report: Awaited<ReturnType<typeof sharedReport>>;
let trainerId: string;
let first: Record<string, Uint8Array>;

beforeAll(async () => {
	original = await startServer();
	report = await sharedReport(original, 'Sit-to-stand: 11 repetitions in 30 s.');
	const [row] = await readDirectly(original, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, report.trainer.email)).limit(1));
	trainerId = row!.id;
	const editor = connectPeer(original, documentName(report.documentId), report.trainer.token);
	await within(editor.synced, 10_000, 'the document to sync');
	appendParagraph(editor, 'Sit-to-stand: 11 repetitions in 30 s.');
	addMeasurement(editor.doc, {
		id: 'm1',
		date: '2026-11-30',
		measure: 'chair_stand_30s',
		unit: 'reps',
		values: { value: 11 },
		by: 'Tess Trainer',
		recordedAt: Date.parse('2026-11-30T10:00:00Z')
	});
	await allSaved(editor);
	editor.destroy();
	// A progress log with blood pressure back in range: an improvement the trainer is asked to
	// report, and dismisses below.
	const log = connectPeer(original, documentName(await createDocumentOfKind(original, report.trainer, report.clientId, 'progress_log')), report.trainer.token);
	await within(log.synced, 10_000, 'the progress log to sync');
	for (const [id, date, systolic] of [
		['bp1', '2026-10-03', 146],
		['bp2', '2026-11-07', 128]
	] as const) {
		addMeasurement(log.doc, {
			id,
			date,
			measure: 'blood_pressure',
			unit: 'mmHg',
			values: { systolic, diastolic: 82 },
			by: 'Tess Trainer',
			recordedAt: Date.parse(`${date}T10:00:00Z`)
		});
	}
	await allSaved(log);
	log.destroy();
	const practice = connectPeer(original, `practice:${trainerId}`, report.trainer.token);
	await within(practice.synced, 10_000, 'the practice to sync');
	const providerId = addProvider(practice.doc, providerFields({ name: 'Dr Ana Reyes', role: 'physician', practiceName: 'Riverside Orthopaedics' }));
	logTouchpoint(practice.doc, { providerId, kind: 'letter_email', date: '2026-11-29', outcome: 'Sent the overview', next: null });
	await allSaved(practice);
	practice.destroy();
	// An event with Dr Reyes invited, and an appointment of the client's attended with her.
	const today = new Date().toISOString().slice(0, 10);
	const planned = await postForm(
		original,
		'/providers/events?/create',
		{ kind: 'workshop', title: 'Balance after 60', date: today, startTime: '18:00' },
		report.trainer.cookie
	);
	await postForm(original, `${planned.headers.get('location')}?/invite`, { providerId }, report.trainer.cookie);
	await postForm(
		original,
		`/clients/${report.clientId}/visits?/record`,
		{ directoryProviderId: providerId, date: today, questions: 'Stairs?' },
		report.trainer.cookie
	);
	// A professional profile: its lists travel as JSON in practice-settings.
	await postForm(original, '/settings/profile?/addCredential', { title: 'Medical Exercise Specialist', issuer: 'AAHF', year: '2019' }, report.trainer.cookie);
	// A provider reads the report (the audit trail has a line to carry over) and answers it.
	expect((await fetch(`${original.url}/s/${report.token}`)).status).toBe(200);
	const answered = await postForm(original, `/s/${report.token}?/reply`, { kind: 'acknowledge', body: 'Thank you, noted.', authorName: 'Dr Ana Reyes' });
	expect(answered.status).toBe(200);
	const { outcomes } = await pageData<{ outcomes: { clientId: string; improvements: { key: string }[] }[] }>(original, '/clients', report.trainer.cookie);
	const key = outcomes.find((suggestion) => suggestion.clientId === report.clientId)?.improvements[0]?.key;
	expect(key, 'the improvement suggested on the home screen').toBeDefined();
	expect(await submitAction(original, '/clients?/dismissOutcome', { clientId: report.clientId, key: key! }, report.trainer.cookie)).toMatchObject({
		type: 'success'
	});
	first = await exportOf(original, report.trainer);
});

describe('the practice export', () => {
	it('holds every document as PDF, HTML and Yjs, the records as JSON and CSV, measurements as CSV, and a README', async () => {
		expect(text(first, 'README.txt')).toContain('consent-records');
		const html = text(first, `documents/${report.documentId}.html`);
		expect(html).toContain('Sit-to-stand: 11 repetitions in 30 s.');
		expect(html).toContain('<title>Progress report, November</title>');
		expect(docContent(first[`documents/${report.documentId}.yjs`]).measurements).toHaveLength(1);
		const { text: pdfText } = await extractText(await getDocumentProxy(first[`documents/${report.documentId}.pdf`]!), { mergePages: true });
		expect(pdfText).toContain('Sit-to-stand: 11 repetitions in 30 s.');
		expect(pdfText).toContain('Client: Carla Client');
		expect(text(first, 'records/measurements.csv')).toMatch(/chair_stand_30s,value,11,reps/);
		const [consent] = records(first, 'consent-records');
		expect(String(consent!.consentText).length).toBeGreaterThan(100);
		expect(text(first, 'records/consent-records.csv')).toContain('consentText');
		expect(records(first, 'audit-trail').map((row) => row.event)).toContain('view');
		expect(records(first, 'clients').map((row) => row.name)).toEqual(['Carla Client']);
		expect(JSON.parse(text(first, 'practice/providers.json'))).toMatchObject([{ name: 'Dr Ana Reyes' }]);
		expect(text(first, 'practice/touchpoints.csv')).toContain('Sent the overview');
		// A client's credentials are not the practice's to hand on; the trainer's own come along.
		const accounts = records(first, 'accounts');
		expect(accounts.find((row) => row.role === 'client')!.passwordHash).toBe('!exported-without-password');
		expect(text(first, 'records/accounts.csv')).not.toContain('argon2');
	});

	it('reports its progress document by document when asked, then carries the same archive', async () => {
		const response = await fetch(`${original.url}/settings/export/download`, { headers: { cookie: report.trainer.cookie, accept: 'application/x-ndjson' } });
		expect(response.headers.get('content-type')).toContain('application/x-ndjson');
		expect(response.headers.get('cache-control')).toContain('no-store');
		const lines = (await response.text())
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { done?: number; total?: number; name?: string; zip?: string });
		const steps = lines.slice(0, -1);
		expect(steps.length).toBeGreaterThan(0);
		expect(steps.at(-1)).toEqual({ done: steps[0]!.total, total: steps[0]!.total });
		expect(steps.map((step) => step.done)).toEqual([...steps.map((step) => step.done!)].sort((a, b) => a - b));
		const last = lines.at(-1)!;
		expect(last.name).toMatch(/^bridgework-practice-\d{4}-\d{2}-\d{2}\.zip$/);
		const files = unzipSync(new Uint8Array(Buffer.from(last.zip!, 'base64')));
		expect(Object.keys(files).sort()).toEqual(Object.keys(first).sort());
		expect(text(files, `documents/${report.documentId}.html`)).toBe(text(first, `documents/${report.documentId}.html`));
	});

	it('is refused to a client, and to nobody signed in', async () => {
		const asClient = await fetch(`${original.url}/settings/export/download`, { headers: { cookie: report.client.cookie }, redirect: 'manual' });
		expect(asClient.status).toBe(303);
		const anonymous = await fetch(`${original.url}/settings/export/download`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/signin');
	});

	it('restores into an empty Bridgework with every record and document equal, and is refused a second time', async () => {
		const archive = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-export-')), 'practice.zip');
		const response = await fetch(`${original.url}/settings/export/download`, { headers: { cookie: report.trainer.cookie } });
		fs.writeFileSync(archive, new Uint8Array(await response.arrayBuffer()));
		const dataDir = temporaryDataDir();
		const databaseUrl = await testDatabaseUrl();
		const env = { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }) };
		const imported = await runScript('import-practice', [archive], env);
		expect(imported.output).toContain('Imported the practice Steady Strength: 1 clients, 2 documents');
		expect(imported.code).toBe(0);

		restored = await startServer({ dataDir, databaseUrl });
		const signIn = await postForm(restored, '/signin', { email: report.trainer.email, password: 'a long enough password' });
		expect(signIn.status).toBe(303);
		const token = /bw_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')![1]!;
		const again = await exportOf(restored, { ...report.trainer, token, cookie: `bw_session=${token}` });

		for (const name of [
			'accounts',
			'clients',
			'documents',
			'practice-settings',
			'calendar-feeds',
			'language-rules',
			'invitations',
			'consent-records',
			'share-links',
			'sent-versions',
			'provider-messages',
			'events',
			'event-invitations',
			'client-visits',
			'outcome-suggestions'
		]) {
			if (['provider-messages', 'events', 'event-invitations', 'client-visits', 'outcome-suggestions'].includes(name))
				expect(records(first, name), name).toHaveLength(1);
			expect(records(again, name), name).toEqual(records(first, name));
		}
		expect(withoutIds(records(again, 'audit-trail'))).toEqual(withoutIds(records(first, 'audit-trail')));
		expect(text(again, 'records/measurements.csv')).toBe(text(first, 'records/measurements.csv'));
		expect(text(again, `documents/${report.documentId}.html`)).toBe(text(first, `documents/${report.documentId}.html`));
		expect(docContent(again[`documents/${report.documentId}.yjs`])).toEqual(docContent(first[`documents/${report.documentId}.yjs`]));
		for (const name of ['providers', 'touchpoints', 'referrals']) expect(text(again, `practice/${name}.json`), name).toBe(text(first, `practice/${name}.json`));
		const practiceDoc = new Y.Doc();
		Y.applyUpdate(practiceDoc, again['practice/practice.yjs']!);
		expect(readPractice(practiceDoc).providers.map((p) => p.name)).toEqual(['Dr Ana Reyes']);
		// The provider's link still opens the report.
		const page = await fetch(`${restored.url}/s/${report.token}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Sit-to-stand: 11 repetitions in 30 s.');
		expect(html).toContain('<li>Medical Exercise Specialist (AAHF, 2019)</li>');

		await restored.stop();
		restored = undefined;
		const twice = await runScript('import-practice', [archive], env);
		expect(twice.code).toBe(1);
		expect(twice.output).toContain("already has this practice's trainer");
		expect(twice.output).not.toMatch(/\n\s+at /);
	});

	it('refuses a file that is not an export, in one sentence', async () => {
		const notZip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-export-')), 'notes.zip');
		fs.writeFileSync(notZip, 'hello');
		const result = await runScript('import-practice', [notZip], { DATA_DIR: temporaryDataDir(), DATABASE_URL: (await testDatabaseUrl()) ?? '' });
		expect(result.code).toBe(1);
		expect(result.output).toContain('not a ZIP archive');
	});
});
