// The client's own records (client-export.ts) as a PDF to read and keep: their record, each
// document with its text and measurements, every consent with the exact text they signed, whom
// their reports were shared with, and who opened them.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import pdfmake from 'pdfmake';
import { loadStoredDocument } from '../collab/stored-document.ts';
import type { Db } from '../db/client.ts';
import type { Client } from '../db/schema.ts';
import { documentBlocks } from '../sharing/pdf.ts';
import { documentJSON } from '../sharing/render.ts';
import { formatCalendarDate, formatDate, formatDateTime, formatZone, type FormatContext } from '../../src/lib/shared/format.ts';
import { practiceFormat } from '../practice/format-context.ts';
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

const heading = (text: string): Content => ({ text, fontSize: 14, bold: true, margin: [0, 14, 0, 6], color: '#1f5f5b' });
const fact = (label: string, value: string): Content => ({ text: [{ text: `${label}: `, bold: true }, value || '—'], margin: [0, 0, 0, 2] });
const table = (header: string[], rows: string[][], widths?: string[]): Content =>
	rows.length === 0
		? { text: 'None.', color: '#555', margin: [0, 0, 0, 6] }
		: {
				table: { headerRows: 1, widths: widths ?? header.map(() => '*'), body: [header.map((text) => ({ text, bold: true })), ...rows] },
				layout: 'lightHorizontalLines',
				fontSize: 9,
				margin: [0, 0, 0, 6]
			};

const consentActions: Record<string, string> = { grant: 'Consent given', revoke: 'Consent revoked', 'withdraw-coediting': 'Co-editing withdrawn' };

export async function clientRecordsPdf(db: Db, client: Client, records: Records): Promise<Buffer> {
	const format = await practiceFormat(db, client.trainerId);
	const { day, moment, calendar } = dates(format);
	const content: Content[] = [
		{ text: `Records held about ${records.record.name}`, fontSize: 20, bold: true },
		{
			text: `by ${records.practice.name ?? records.practice.trainer ?? 'the practice'} in Bridgework · exported ${moment(records.exportedAt)}`,
			color: '#555',
			margin: [0, 2, 0, 6]
		},
		{ text: records.notIncluded, italics: true, color: '#555', margin: [0, 0, 0, 4] },
		heading('Your record'),
		fact('Name', records.record.name),
		fact('Email', records.record.email ?? ''),
		fact('Date of birth', records.record.dateOfBirth ?? ''),
		fact('Client since', day(records.record.createdAt)),
		heading('Documents about you')
	];
	if (records.documents.length === 0) content.push({ text: 'None.', color: '#555' });
	for (const document of records.documents) {
		// The JSON export carries each document as HTML; a PDF draws it from the document itself.
		const doc = await loadStoredDocument(db, document.id);
		const text = documentBlocks(documentJSON(doc));
		doc.destroy();
		content.push(
			{ text: document.title, fontSize: 12, bold: true, margin: [0, 8, 0, 2] },
			{
				text: `Created ${day(document.createdAt)} · last changed ${day(document.updatedAt)}${document.archivedAt ? ' · archived' : ''}`,
				color: '#555',
				fontSize: 9,
				margin: [0, 0, 0, 4]
			},
			...text
		);
		if (document.measurements.length > 0) {
			content.push(
				table(
					['Date', 'Measure', 'Values', 'Note'],
					document.measurements.map((m) => [
						m.date,
						m.measure,
						Object.entries(m.values)
							.map(([component, value]) => `${component === 'value' ? '' : `${component} `}${value} ${m.unit}`)
							.join(', '),
						m.note ?? ''
					])
				)
			);
		}
	}
	content.push(heading('Your consents'));
	if (records.consentHistory.length === 0) content.push({ text: 'You have not signed a consent.', color: '#555' });
	for (const record of records.consentHistory) {
		content.push(
			{
				text: `${consentActions[record.action] ?? record.action} on ${moment(record.signedAt)}, signed “${record.signatureName}”`,
				bold: true,
				margin: [0, 8, 0, 2]
			},
			fact('Purpose', record.purpose),
			fact('Ends', `${calendar(record.expiresOn)}${record.expiryEvent ? `, or ${record.expiryEvent}` : ''}`),
			{ text: record.consentText, fontSize: 8.5, color: '#333', margin: [0, 2, 0, 4] }
		);
	}
	content.push(
		heading('Shared with'),
		table(
			['Report', 'Provider', 'Shared', 'Until', 'Revoked'],
			records.sharedWith.map((link) => [
				link.documentTitle,
				[link.providerName, link.providerPractice].filter(Boolean).join(', '),
				day(link.createdAt),
				day(link.expiresAt),
				day(link.revokedAt)
			])
		),
		heading('Who opened your shared reports'),
		table(
			[`When (${format.timeZone.replaceAll('_', ' ')})`, 'What', 'Report', 'Provider'],
			records.auditTrail.map((entry) => [
				formatDateTime(entry.at, format),
				`${entry.event}${entry.count && entry.count > 1 ? ` ×${entry.count}` : ''}`,
				entry.documentTitle ?? '',
				entry.providerName ?? ''
			])
		)
	);
	const definition: TDocumentDefinitions = {
		pageSize: 'A4',
		pageMargins: [56, 56, 56, 56],
		info: { title: `Records held about ${client.name}`, author: records.practice.name ?? records.practice.trainer ?? 'Bridgework', subject: 'Right of access' },
		defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
		footer: (currentPage: number, pageCount: number) => ({
			text: `Page ${currentPage} of ${pageCount}`,
			alignment: 'right',
			color: '#666',
			fontSize: 8.5,
			margin: [56, 16, 56, 0]
		}),
		content
	};
	return pdfmake.createPdf(definition).getBuffer();
}
