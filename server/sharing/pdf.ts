// The report as a PDF for the provider: practice and client on every page, the report's text and
// its outcome measures, page numbers, no UI. Tagged for structure (tagged-pdf.ts says how and why).
import type { JSONContent } from '@tiptap/core';
import type { SummaryTable } from '../../src/lib/shared/measures/summary-table.ts';
import { TaggedPdf, type Paper } from './tagged-pdf.ts';

export type { Paper } from './tagged-pdf.ts';

export interface ReportHeader {
	practice: string;
	trainerName: string;
	/** Null for a practice document, which is about no client. */
	clientName: string | null;
	title: string;
	/** "Live report as of …" or "Sent on … by …". */
	dateLine: string;
	/** The language the report is written in (BCP 47); English unless the practice says otherwise. */
	language?: string;
}

/** The outcome measures after the text: change from baseline, with the sources of the cut-offs. */
function outcomesSection(pdf: TaggedPdf, outcomes: SummaryTable): void {
	if (outcomes.rows.length === 0) return;
	pdf.heading(pdf.root, 2, 'Outcome measures: change from baseline', { size: 13, before: 12, after: 6 });
	pdf.table(pdf.root, outcomes.header, outcomes.rows, { widths: [0.22, 0.17, 0.17, 0.22, 0.22], size: 9 });
	if (outcomes.sources.length === 0) return;
	pdf.heading(pdf.root, 3, 'Sources of reference values', { size: 9, before: 8, after: 2 });
	pdf.list(
		pdf.root,
		outcomes.sources.map((_, index) => `${index + 1}.`),
		(index, body, indent) => {
			const source = outcomes.sources[index]!;
			pdf.paragraph(body, `${source.citation}${source.url ? ` ${source.url}` : ''}`, { indent, size: 8, color: '#555', after: 1 });
		},
		{ indent: 0, size: 8, color: '#555' }
	);
}

/** The report as a PDF: practice header on every page, client and date, page numbers, no UI. */
export function reportPdf(doc: JSONContent, header: ReportHeader, paper: Paper, outcomes?: SummaryTable): Promise<Buffer> {
	const pdf = new TaggedPdf({
		paper,
		margins: { top: 72, right: 56, bottom: 56, left: 56 },
		// Screen readers show the title rather than the file name, and pick a voice from the language.
		title: header.clientName ? `${header.title} — ${header.clientName}` : header.title,
		author: header.trainerName,
		subject: 'Progress report',
		language: header.language ?? 'en',
		baseSize: 10.5
	});
	pdf.heading(pdf.root, 1, header.title, { size: 20, before: 0, after: 2 });
	pdf.paragraph(pdf.root, `${header.trainerName} · ${header.dateLine}`, { color: '#555', after: 14 });
	pdf.documentContent(pdf.root, doc.content);
	if (outcomes) outcomesSection(pdf, outcomes);
	return pdf.finish({
		header: { left: header.practice, right: header.clientName ? `Client: ${header.clientName}` : '' },
		footer: header.dateLine
	});
}
