// The one-page outcome summary, read back by pdf.js: language, title, a tagged table on one page.
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { outcomeSummaryPdf, pageCount } from './outcome-summary-pdf.ts';
import { reportPdf } from './pdf.ts';

interface Node {
	role?: string;
	children?: Node[];
}
const roles = (node: Node): string => {
	const children = (node.children ?? []).filter((child) => child.role).map(roles);
	return children.length ? `${node.role}(${children.join(',')})` : (node.role ?? '');
};

const table = {
	header: ['Measure', 'Group', 'Clients', 'Median change', 'Reached the minimal important difference'],
	rows: Array.from({ length: 24 }, (_, index) => [`Measure ${index + 1}`, index % 2 ? 'Hypertension' : 'All clients', '9', '+30 m, better', '5 of 9 (56%)']),
	notes: ['Groups of fewer than 5 clients are not shown.']
};

describe('outcomeSummaryPdf', () => {
	it('is one tagged page with its language, title and a table with header cells', async () => {
		const bytes = await outcomeSummaryPdf(
			table,
			{ practice: 'Steady Strength', trainerName: 'Tess Trainer', dateLine: 'Outcomes as of 4 December 2026', language: 'en-US' },
			'LETTER'
		);
		const pdf = await getDocumentProxy(new Uint8Array(bytes));
		expect(pdf.numPages).toBe(1);
		const info: Record<string, unknown> = { ...(await pdf.getMetadata()).info };
		expect(info.Title).toBe('Outcome summary — Steady Strength');
		expect(info.Language).toBe('en-US');
		expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
		const tree = roles((await (await pdf.getPage(1)).getStructTree()) as Node);
		expect(tree).toMatch(/^Root\(Document\(H1,P,Table\(TR\(TH,TH,TH,TH,TH\),(TR\(TD,TD,TD,TD,TD\),?){24}\),H2,P\)\)$/);
	});

	it('sets smaller type to keep a long summary on one page', async () => {
		const long = { ...table, rows: Array.from({ length: 42 }, (_, index) => table.rows[index % table.rows.length]!) };
		const header = { practice: 'Steady Strength', trainerName: 'Tess Trainer', dateLine: 'today', language: 'en' };
		// 42 rows take two pages at the first size (8.5 pt, checked once by hand: rendering is slow).
		const bytes = await outcomeSummaryPdf(long, header, 'A4');
		expect(pageCount(bytes)).toBe(1);
		expect((await getDocumentProxy(new Uint8Array(bytes))).numPages).toBe(1);
	}, 30_000);
});

describe('a table in a document', () => {
	it('is a tagged table in the report PDF, its first row the header', async () => {
		const cell = (type: string, text: string) => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
		const doc = {
			type: 'doc',
			content: [
				{
					type: 'table',
					content: [
						{ type: 'tableRow', content: [cell('tableHeader', 'Measure'), cell('tableHeader', 'Clients')] },
						{ type: 'tableRow', content: [cell('tableCell', 'Pain'), cell('tableCell', '7')] }
					]
				}
			]
		};
		const header = { practice: 'Steady Strength', trainerName: 'Tess Trainer', clientName: null, title: 'Service overview', dateLine: 'today' };
		const pdf = await getDocumentProxy(new Uint8Array(await reportPdf(doc, header, 'A4')));
		expect(roles((await (await pdf.getPage(1)).getStructTree()) as Node)).toContain('Table(TR(TH,TH),TR(TD,TD))');
	});
});
