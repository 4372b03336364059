// A client downloads the records about them from /my (their right of access), and the download
// is in the audit trail; nobody else may download them.
import { and, eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/db/schema.ts';
import { createBlankDocument, keepPrivate, sharedReport, signUpTrainer } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, within } from './helpers/collab.ts';
import { readDirectly } from './helpers/database.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

/** A shared report with text, opened once by its provider, and the trainer's private notes beside it. */
async function reportWithPrivateNotes() {
	const report = await sharedReport(server);
	const editor = connectPeer(server, documentName(report.documentId), report.trainer.token);
	await within(editor.synced, 10_000, 'the document to sync');
	appendParagraph(editor, report.text);
	await allSaved(editor);
	editor.destroy();
	const privateId = await createBlankDocument(server, report.trainer, report.clientId, 'Working notes');
	expect((await keepPrivate(server, report.trainer, privateId)).status).toBeLessThan(400);
	expect((await fetch(`${server.url}/s/${report.token}`)).status).toBe(200);
	return report;
}

describe("a client's own export", () => {
	it('holds their record, documents, consent history with its text and who opened their reports; private notes are left out; it is audited', async () => {
		const report = await reportWithPrivateNotes();

		const response = await fetch(`${server.url}/my/export/${report.clientId}`, { headers: { cookie: report.client.cookie, 'user-agent': 'Export test' } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="my-records-\d{4}-\d\d-\d\d\.json"$/);
		const records = (await response.json()) as {
			record: { name: string };
			documents: Array<{ title: string; html: string }>;
			consentHistory: Array<{ action: string; consentText: string }>;
			sharedWith: Array<{ documentTitle: string }>;
			auditTrail: Array<{ event: string }>;
			notIncluded: string;
		};
		expect(records.record.name).toBe('Carla Client');
		expect(records.documents.map((d) => d.title)).toEqual(['Progress report, November']);
		expect(records.documents[0]!.html).toContain(report.text);
		expect(records.consentHistory[0]!.action).toBe('grant');
		expect(records.consentHistory[0]!.consentText.length).toBeGreaterThan(100);
		expect(records.sharedWith.map((link) => link.documentTitle)).toEqual(['Progress report, November']);
		expect(records.auditTrail.map((entry) => entry.event)).toContain('view');
		expect(records.notIncluded).toContain('private working notes');
		expect(JSON.stringify(records)).not.toContain('Working notes');

		const exports = await readDirectly(server, (db) =>
			db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.clientId, report.clientId), eq(auditLog.event, 'export')))
		);
		expect(exports).toHaveLength(1);
		expect(exports[0]!.userAgent).toBe('Export test');
		const trail = await fetch(`${server.url}/my/audit/${report.clientId}`, { headers: { cookie: report.client.cookie } });
		expect(await trail.text()).toContain('Records downloaded by the client');
	});

	it('is also a PDF to read and keep, with the documents, the exact consent text and who opened the reports', async () => {
		const report = await reportWithPrivateNotes();

		const response = await fetch(`${server.url}/my/export/${report.clientId}?format=pdf`, { headers: { cookie: report.client.cookie } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="my-records-\d{4}-\d\d-\d\d\.pdf"$/);
		const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
		// Tagged like the report, in its language, titled for the reader's window.
		const info: Record<string, unknown> = { ...(await pdf.getMetadata()).info };
		expect(info).toMatchObject({ Title: 'Records held about Carla Client', Language: 'en' });
		expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
		expect(await pdf.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
		const { text } = await extractText(pdf, { mergePages: true });
		expect(text).toContain('Records held about Carla Client');
		expect(text).toContain(report.text);
		expect(text).toContain('Consent given on');
		expect(text).toContain('I may revoke this consent at any time');
		expect(text).toContain('Who opened your shared reports');
		expect(text).toContain('private working notes');
		expect(text).not.toContain('Working notes');
		const exports = await readDirectly(server, (db) =>
			db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.clientId, report.clientId), eq(auditLog.event, 'export')))
		);
		expect(exports).toHaveLength(1);
	});

	it('is not given to the trainer, another trainer or anyone signed out', async () => {
		const report = await sharedReport(server);
		const other = await signUpTrainer(server);
		for (const cookie of [report.trainer.cookie, other.cookie]) {
			expect((await fetch(`${server.url}/my/export/${report.clientId}`, { headers: { cookie } })).status).toBe(404);
		}
		const anonymous = await fetch(`${server.url}/my/export/${report.clientId}`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		const exports = await readDirectly(server, (db) =>
			db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.clientId, report.clientId), eq(auditLog.event, 'export')))
		);
		expect(exports).toHaveLength(0);
	});
});
