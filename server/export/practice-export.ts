// The whole practice of one trainer as one ZIP (fflate): every document as PDF, as HTML and as its
// Yjs state, measurements as CSV, and every record (clients, providers, touchpoints, referrals,
// consent records with their exact signed text, the audit trail) as JSON and CSV, with a README.
// The JSON holds everything the import (practice-import.ts) needs to restore the practice; the
// CSV and HTML are for people and spreadsheets.
import { eq, inArray } from 'drizzle-orm';
import { strToU8, zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { readMeasurements } from '../../src/lib/shared/measures/store.ts';
import { readStoredDoc } from '../collab/stored-state.ts';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';
import { formatDate } from '../../src/lib/shared/format.ts';
import { practiceFormat } from '../practice/format-context.ts';
import { documentPdf } from '../sharing/document-pdf.ts';
import { documentHTML } from '../sharing/render.ts';
import type { DocumentKind } from '../db/schema.ts';
import { FILE_OF, PRACTICE_TABLES, toPlain, type PracticeTable, type Row } from './tables.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportManifest } from './manifest.ts';
import { exportReadme } from './readme.ts';

export { EXPORT_FORMAT, EXPORT_VERSION, type ExportManifest } from './manifest.ts';

/** Placed in exports instead of client accounts' password hashes: their credentials are not the practice's. */
export const NO_PASSWORD = '!exported-without-password';

const chunk = <T>(items: T[], size = 500): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function selectIn(db: Db, table: PracticeTable, column: string, values: string[]): Promise<Row[]> {
	const runtime = schema[table] as unknown as typeof schema.clients;
	const key = (runtime as unknown as Record<string, typeof schema.clients.id>)[column]!;
	const rows: Row[] = [];
	for (const part of chunk(values)) rows.push(...((await db.select().from(runtime).where(inArray(key, part))) as Row[]));
	return rows;
}

/** Every row of the practice, table by table, as the database returns them. */
export async function practiceRows(db: Db, trainerId: string): Promise<Record<PracticeTable, Row[]>> {
	const clients = (await db.select().from(schema.clients).where(eq(schema.clients.trainerId, trainerId))) as Row[];
	const documents = (await db.select().from(schema.documents).where(eq(schema.documents.trainerId, trainerId))) as Row[];
	const clientIds = clients.map((row) => row.id as string);
	const documentIds = documents.map((row) => row.id as string);
	const shareLinks = await selectIn(db, 'shareLinks', 'documentId', documentIds);
	const linkIds = shareLinks.map((row) => row.id as string);
	const consentRecords = await selectIn(db, 'consentRecords', 'clientId', clientIds);
	const invitations = await selectIn(db, 'invitations', 'clientId', clientIds);
	const clientUserIds = new Set<string>();
	for (const row of clients) if (row.userId) clientUserIds.add(row.userId as string);
	for (const row of consentRecords) if (row.signedByUserId) clientUserIds.add(row.signedByUserId as string);
	for (const row of invitations) if (row.usedBy) clientUserIds.add(row.usedBy as string);
	clientUserIds.delete(trainerId);
	const users = await selectIn(db, 'users', 'id', [trainerId, ...clientUserIds]);
	const audit: Row[] = [];
	const seen = new Set<number>();
	const addAudit = (rows: Row[]) => rows.forEach((row) => !seen.has(row.id as number) && (seen.add(row.id as number), audit.push(row)));
	addAudit(await selectIn(db, 'auditLog', 'clientId', clientIds));
	addAudit(await selectIn(db, 'auditLog', 'documentId', documentIds));
	addAudit(await selectIn(db, 'auditLog', 'linkId', linkIds));
	audit.sort((a, b) => (a.id as number) - (b.id as number));
	const byTrainer = async (
		table: 'practiceSettings' | 'calendarFeeds' | 'languageRules' | 'practiceEvents' | 'eventInvitations' | 'clientVisits' | 'shareReplies' | 'outcomePrompts'
	) => selectIn(db, table, 'trainerId', [trainerId]);
	return {
		// The trainer's own sign-in comes along, so that the restored practice opens with it; a
		// client's account comes without its password (they set a new one with "Forgot password").
		users: users.map((row) => (row.id === trainerId ? row : { ...row, passwordHash: NO_PASSWORD })),
		clients,
		documents,
		practiceSettings: await byTrainer('practiceSettings'),
		calendarFeeds: await byTrainer('calendarFeeds'),
		languageRules: await byTrainer('languageRules'),
		invitations,
		consentRecords,
		shareLinks,
		sentVersions: await selectIn(db, 'sentVersions', 'documentId', documentIds),
		shareReplies: await byTrainer('shareReplies'),
		auditLog: audit,
		practiceEvents: await byTrainer('practiceEvents'),
		eventInvitations: await byTrainer('eventInvitations'),
		clientVisits: await byTrainer('clientVisits'),
		outcomePrompts: await byTrainer('outcomePrompts')
	};
}

/** Secrets and states left out of the CSV (a spreadsheet has no use for them); the JSON keeps them. */
const NOT_IN_CSV = new Set(['passwordHash', 'tokenHash', 'state', 'html']);

function csv(rows: readonly Row[]): string {
	const flat = rows.map((row) =>
		Object.fromEntries(
			Object.entries(row)
				.filter(([key]) => !NOT_IN_CSV.has(key))
				.map(([key, value]) => [key, value !== null && typeof value === 'object' ? JSON.stringify(value) : value])
		)
	);
	return Papa.unparse(flat, { newline: '\r\n' });
}

export interface ExportProgress {
	(done: number, total: number): void;
}

export async function exportPractice(db: Db, trainerId: string, onProgress?: ExportProgress, now = new Date()): Promise<Uint8Array> {
	const rows = await practiceRows(db, trainerId);
	const trainer = rows.users.find((row) => row.id === trainerId);
	if (!trainer) throw new Error(`no trainer ${trainerId}`);
	const files: Zippable = {};
	const put = (name: string, text: string) => (files[name] = strToU8(text));
	const plain = Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.map(toPlain)])) as Record<PracticeTable, Row[]>;
	for (const table of Object.keys(PRACTICE_TABLES) as PracticeTable[]) {
		put(`records/${FILE_OF[table]}.json`, JSON.stringify(plain[table], null, 2));
		put(`records/${FILE_OF[table]}.csv`, csv(plain[table]));
	}

	const measurements: Row[] = [];
	const total = rows.documents.length + 1;
	const practiceOwner = { name: String(trainer.name), practiceName: (trainer.practiceName as string | null) ?? null };
	const clientsById = new Map(
		rows.clients.map((row) => [row.id as string, { name: String(row.name), dateOfBirth: (row.dateOfBirth as string | null) ?? null }])
	);
	const format = await practiceFormat(db, trainerId);
	const exportedOn = `Exported ${formatDate(now, format, 'long')}`;
	for (const [index, document] of rows.documents.entries()) {
		const id = document.id as string;
		const doc = await readStoredDoc(db, { kind: 'document', documentId: id });
		try {
			files[`documents/${id}.yjs`] = Y.encodeStateAsUpdate(doc);
			put(`documents/${id}.html`, documentPage(String(document.title), documentHTML(doc)));
			const client = document.clientId ? (clientsById.get(document.clientId as string) ?? null) : null;
			const subject = { kind: document.kind as DocumentKind, title: String(document.title), trainer: practiceOwner, client };
			// Already compressed inside: stored, not deflated again.
			files[`documents/${id}.pdf`] = [await documentPdf(doc, subject, exportedOn, 'LETTER', format), { level: 0 }];
			for (const m of readMeasurements(doc)) {
				for (const [component, value] of Object.entries(m.values)) {
					measurements.push({
						documentId: id,
						clientId: document.clientId,
						date: m.date,
						measure: m.measure,
						component,
						value,
						unit: m.unit,
						qualifier: m.qualifier ?? '',
						note: m.note ?? '',
						recordedBy: m.by ?? '',
						recordedAt: m.recordedAt ? new Date(m.recordedAt).toISOString() : ''
					});
				}
			}
		} finally {
			doc.destroy();
		}
		onProgress?.(index + 1, total);
	}
	put('records/measurements.csv', csv(measurements));

	const practiceDoc = await readStoredDoc(db, { kind: 'practice', trainerId });
	try {
		files['practice/practice.yjs'] = Y.encodeStateAsUpdate(practiceDoc);
		const practice = readPractice(practiceDoc);
		const providers = [...practice.providers, ...practice.archivedProviders, ...practice.trashedProviders];
		put('practice/providers.json', JSON.stringify(providers, null, 2));
		put('practice/providers.csv', csv(providers as unknown as Row[]));
		put('practice/touchpoints.json', JSON.stringify(practice.touchpoints, null, 2));
		put('practice/touchpoints.csv', csv(practice.touchpoints as unknown as Row[]));
		put('practice/referrals.json', JSON.stringify(practice.referrals, null, 2));
		put('practice/referrals.csv', csv(practice.referrals as unknown as Row[]));
		const counts = Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
		Object.assign(counts, {
			measurements: measurements.length,
			providers: providers.length,
			touchpoints: practice.touchpoints.length,
			referrals: practice.referrals.length
		});
		const manifest: ExportManifest = {
			format: EXPORT_FORMAT,
			version: EXPORT_VERSION,
			exportedAt: now.toISOString(),
			trainerId,
			practiceName: (trainer.practiceName as string | null) ?? null,
			counts
		};
		put('manifest.json', JSON.stringify(manifest, null, 2));
		put('README.txt', exportReadme(manifest));
	} finally {
		practiceDoc.destroy();
	}
	onProgress?.(total, total);
	// Yjs states and HTML compress well; level 6 is zlib's usual balance of size and time.
	return zipSync(files, { level: 6, mtime: now });
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function documentPage(title: string, body: string): string {
	return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</body>\n</html>\n`;
}
