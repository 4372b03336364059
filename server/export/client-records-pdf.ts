// The client's own records (client-export.ts) as a PDF to read and keep: their record, each
// document with its text and measurements, every consent with the exact text they signed, whom
// their reports were shared with, and who opened them. Tagged like the report (tagged-pdf.ts).
import { loadStoredDocument } from '../collab/stored-document.ts';
import type { Db } from '../db/client.ts';
import type { Client } from '../db/schema.ts';
import { documentJSON } from '../sharing/render.ts';
import { formatCalendarDate, formatDate, formatDateTime, formatZone, type FormatContext } from '../../src/lib/shared/format.ts';
import { practiceFormat } from '../practice/format-context.ts';
import { TaggedPdf } from '../sharing/tagged-pdf.ts';
import type { clientRecords } from './client-export.ts';

type Records = Awaited<ReturnType<typeof clientRecords>>;

type When = Date | string | null | undefined;
/** The practice's dates: `day` and `moment` for instants, `calendar` for a date with no time zone (a consent's end). */
function dates(format: FormatContext) {
	return {
		day: (value: When) => (value ? formatDate(value, format, 'long') : ''),
		/** With the zone's name at that instant ("UTC", "BST"), since a reader may be anywhere. */
		moment: (value: When) => (value ? `${formatDateTime(value, format)} ${formatZone(value, format)}` : ''),
		calendar: (value: When) => (value ? formatCalendarDate(String(value), format, 'long') : '')
	};
}

const heading = (pdf: TaggedPdf, text: string) => pdf.heading(pdf.root, 2, text, { size: 14, color: '#1f5f5b', before: 14, after: 6 });
const fact = (pdf: TaggedPdf, label: string, value: string) =>
	pdf.paragraph(pdf.root, [{ text: `${label}: `, bold: true }, { text: value || '—' }], { after: 2 });
const none = (pdf: TaggedPdf, text = 'None.') => pdf.paragraph(pdf.root, text, { color: '#555' });
const table = (pdf: TaggedPdf, header: string[], rows: string[][]) => (rows.length === 0 ? none(pdf) : pdf.table(pdf.root, header, rows, { size: 9 }));

const consentActions: Record<string, string> = { grant: 'Consent given', revoke: 'Consent revoked', 'withdraw-coediting': 'Co-editing withdrawn' };

export async function clientRecordsPdf(db: Db, client: Client, records: Records): Promise<Buffer> {
	const format = await practiceFormat(db, client.trainerId);
	const { day, moment, calendar } = dates(format);
	const practice = records.practice.name ?? records.practice.trainer;
	const pdf = new TaggedPdf({
		paper: 'A4',
		margins: { top: 56, right: 56, bottom: 56, left: 56 },
		title: `Records held about ${client.name}`,
		author: practice ?? 'Bridgework',
		subject: 'Right of access',
		language: 'en',
		baseSize: 10
	});
	pdf.heading(pdf.root, 1, `Records held about ${records.record.name}`, { size: 20, before: 0, after: 2 });
	pdf.paragraph(pdf.root, `by ${practice ?? 'the practice'} in Bridgework · exported ${moment(records.exportedAt)}`, {
		color: '#555',
		before: 2,
		after: 6
	});
	pdf.paragraph(pdf.root, [{ text: records.notIncluded, italic: true }], { color: '#555', after: 4 });
	heading(pdf, 'Your record');
	fact(pdf, 'Name', records.record.name);
	fact(pdf, 'Email', records.record.email ?? '');
	fact(pdf, 'Date of birth', records.record.dateOfBirth ?? '');
	fact(pdf, 'Client since', day(records.record.createdAt));
	heading(pdf, 'Documents about you');
	if (records.documents.length === 0) none(pdf);
	for (const document of records.documents) {
		pdf.heading(pdf.root, 3, document.title, { size: 12, before: 8, after: 2 });
		pdf.paragraph(pdf.root, `Created ${day(document.createdAt)} · last changed ${day(document.updatedAt)}${document.archivedAt ? ' · archived' : ''}`, {
			color: '#555',
			size: 9,
			after: 4
		});
		// The JSON export carries each document as HTML; a PDF draws it from the document itself.
		const doc = await loadStoredDocument(db, document.id);
		pdf.documentContent(pdf.root, documentJSON(doc).content);
		doc.destroy();
		if (document.measurements.length > 0) {
			table(
				pdf,
				['Date', 'Measure', 'Values', 'Note'],
				document.measurements.map((m) => [
					m.date,
					m.measure,
					Object.entries(m.values)
						.map(([component, value]) => `${component === 'value' ? '' : `${component} `}${value} ${m.unit}`)
						.join(', '),
					m.note ?? ''
				])
			);
		}
	}
	heading(pdf, 'Your consents');
	if (records.consentHistory.length === 0) none(pdf, 'You have not signed a consent.');
	for (const record of records.consentHistory) {
		pdf.heading(pdf.root, 3, `${consentActions[record.action] ?? record.action} on ${moment(record.signedAt)}, signed “${record.signatureName}”`, {
			size: 10,
			before: 8,
			after: 2
		});
		fact(pdf, 'Purpose', record.purpose);
		fact(pdf, 'Ends', `${calendar(record.expiresOn)}${record.expiryEvent ? `, or ${record.expiryEvent}` : ''}`);
		pdf.paragraph(pdf.root, record.consentText, { size: 8.5, color: '#333', before: 2, after: 4 });
	}
	heading(pdf, 'Shared with');
	table(
		pdf,
		['Report', 'Provider', 'Shared', 'Until', 'Revoked'],
		records.sharedWith.map((link) => [
			link.documentTitle,
			[link.providerName, link.providerPractice].filter(Boolean).join(', '),
			day(link.createdAt),
			day(link.expiresAt),
			day(link.revokedAt)
		])
	);
	heading(pdf, 'Who opened your shared reports');
	table(
		pdf,
		[`When (${format.timeZone.replaceAll('_', ' ')})`, 'What', 'Report', 'Provider'],
		records.auditTrail.map((entry) => [
			formatDateTime(entry.at, format),
			`${entry.event}${entry.count && entry.count > 1 ? ` ×${entry.count}` : ''}`,
			entry.documentTitle ?? '',
			entry.providerName ?? ''
		])
	);
	return pdf.finish({ footer: '' });
}
