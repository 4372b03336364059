// The practice's outcome summary on one page, to hand a clinic: tagged like every PDF we make
// (tagged-pdf.ts: structure, language, title), the table with a header row and the notes under it.
import type { OutcomeTable } from '../../src/lib/shared/measures/outcome-summary-table.ts';
import { TaggedPdf, type Paper } from './tagged-pdf.ts';

export interface OutcomePdfHeader {
	practice: string;
	trainerName: string;
	/** "Outcomes as of 4 December 2026". */
	dateLine: string;
	/** BCP 47, the practice's locale. */
	language: string;
}

export const OUTCOME_SUMMARY_TITLE = 'Outcome summary';

/** pdfkit writes each page as its own object, never in an object stream: counting them is reading the bytes. */
export function pageCount(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

/** Smaller type until the table fits one page; a practice with more rows than the smallest fits gets a second page rather than lose rows. */
export async function outcomeSummaryPdf(table: OutcomeTable, header: OutcomePdfHeader, paper: Paper): Promise<Buffer> {
	for (const size of [8.5, 7.5]) {
		const pdf = await renderOutcomeSummary(table, header, paper, size);
		if (pageCount(pdf) <= 1) return pdf;
	}
	return renderOutcomeSummary(table, header, paper, 6.5);
}

function renderOutcomeSummary(table: OutcomeTable, header: OutcomePdfHeader, paper: Paper, size: number): Promise<Buffer> {
	const pdf = new TaggedPdf({
		paper,
		margins: { top: 64, right: 48, bottom: 52, left: 48 },
		title: `${OUTCOME_SUMMARY_TITLE} — ${header.practice}`,
		author: header.trainerName,
		subject: 'Outcomes of the practice’s clients, de-identified',
		language: header.language,
		baseSize: 9.5
	});
	pdf.heading(pdf.root, 1, `${OUTCOME_SUMMARY_TITLE}: ${header.practice}`, { size: 17, before: 0, after: 2 });
	pdf.paragraph(pdf.root, `${header.trainerName} · ${header.dateLine}`, { color: '#555', after: 10 });
	if (table.rows.length === 0) {
		pdf.paragraph(pdf.root, 'Not enough clients with a baseline and a later measure to report without anyone being recognisable.');
	} else {
		pdf.table(pdf.root, table.header, table.rows, { widths: [0.26, 0.2, 0.1, 0.2, 0.24], size });
	}
	pdf.heading(pdf.root, 2, 'How to read this', { size: 10, before: 6, after: 2 });
	for (const note of table.notes) pdf.paragraph(pdf.root, note, { size: 7.5, color: '#444', after: 2 });
	return pdf.finish({ header: { left: header.practice, right: '' }, footer: header.dateLine });
}
