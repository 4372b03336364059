// The report PDF, read back from its bytes by pdf.js (unpdf): what a screen reader and a PDF viewer
// are told about it (language, title, structure), not only the text it shows.
import type { JSONContent } from '@tiptap/core';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { SummaryTable } from '../../src/lib/shared/measures/summary-table.ts';
import { reportPdf, type ReportHeader } from './pdf.ts';

const header: ReportHeader = {
	practice: 'Steady Strength',
	trainerName: 'Tess Trainer',
	clientName: 'Carla Client',
	title: 'Progress report, November',
	dateLine: 'Report as of 3 December 2026 UTC'
};

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

const report: JSONContent = {
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 2 }, content: [text('Progress')] },
		paragraph(
			text('Walked '),
			text('5 km', [{ type: 'bold' }]),
			text(' without a rest; see '),
			text('the plan', [{ type: 'link', attrs: { href: 'https://example.org/plan' } }]),
			text('.')
		),
		{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('Stairs twice a day'))] }] },
		{ type: 'blockquote', content: [paragraph(text('I can garden again.'))] }
	]
};

const outcomes: SummaryTable = {
	header: ['Measure', 'Baseline', 'Latest', 'Change', 'Reference'],
	rows: [['Timed up-and-go', '14.2 s', '11.1 s', '−3.1 s, better', 'Fall risk above 13.5 s [1]']],
	sources: [{ citation: 'Shumway-Cook A, et al. Phys Ther. 2000.' }] as SummaryTable['sources']
};

interface Node {
	role?: string;
	type?: string;
	children?: Node[];
}

/** The structure tree of a page as nested roles: "Document(H1,P,…)". */
function roles(node: Node): string {
	const children = (node.children ?? []).filter((child) => child.role).map(roles);
	return children.length ? `${node.role}(${children.join(',')})` : (node.role ?? '');
}

/** The page's text inside Artifact marked content: what assistive technology skips. */
async function artifactText(pdf: Awaited<ReturnType<typeof getDocumentProxy>>, page: number): Promise<{ artifacts: string; tagged: string }> {
	const content = await (await pdf.getPage(page)).getTextContent({ includeMarkedContent: true });
	const stack: string[] = [];
	let artifacts = '';
	let tagged = '';
	for (const item of content.items) {
		// pdf.js names the tag of a marked-content start; its types do not.
		if ('type' in item) {
			if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push((item as { tag?: string }).tag ?? '');
			else if (item.type === 'endMarkedContent') stack.pop();
		} else if (stack.includes('Artifact')) artifacts += `${item.str} `;
		else tagged += `${item.str} `;
	}
	return { artifacts, tagged };
}

describe('reportPdf', () => {
	it('declares its language and title, and asks viewers to show the title', async () => {
		const bytes = await reportPdf(report, header, 'A4', outcomes);
		const raw = bytes.toString('latin1');
		// In the catalog, as the bytes say it (pdf.js reads it back below).
		expect(/\/Lang \(en\)/.test(raw), '/Lang (en)').toBe(true);
		expect(/\/DisplayDocTitle true/.test(raw), '/DisplayDocTitle true').toBe(true);
		const pdf = await getDocumentProxy(new Uint8Array(bytes));
		const info: Record<string, unknown> = { ...(await pdf.getMetadata()).info };
		expect(info.Title).toBe('Progress report, November — Carla Client');
		expect(info.Language).toBe('en');
		expect(info.Author).toBe('Tess Trainer');
		expect(await pdf.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
	});

	it('writes the language it is given', async () => {
		const pdf = await getDocumentProxy(new Uint8Array(await reportPdf(report, { ...header, language: 'fr-CA', clientName: null }, 'LETTER')));
		const info: Record<string, unknown> = { ...(await pdf.getMetadata()).info };
		expect(info.Language).toBe('fr-CA');
		expect(info.Title).toBe('Progress report, November');
	});

	it('is tagged: headings, paragraphs, a list, a link, a quote and a table with header cells, in reading order', async () => {
		const bytes = await reportPdf(report, header, 'A4', outcomes);
		const raw = bytes.toString('latin1');
		expect(/\/StructTreeRoot \d+ 0 R/.test(raw), '/StructTreeRoot in the catalog').toBe(true);
		expect(/\/Marked true/.test(raw), '/MarkInfo << /Marked true >>').toBe(true);
		const pdf = await getDocumentProxy(new Uint8Array(bytes));
		expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
		const tree = roles((await (await pdf.getPage(1)).getStructTree()) as Node);
		expect(tree).toContain('Document(H1,P,H2,P(Link),L(LI(Lbl,LBody(P))),BlockQuote(P),H2,Table(');
		expect(tree).toMatch(/Table\(TR\(TH,TH,TH,TH,TH\),TR\(TD,TD,TD,TD,TD\)\)/);
		expect(tree).toMatch(/H3,L\(LI\(Lbl,LBody\(P\)\)\)\)\)$/);
		// The running header and footer are artifacts: read once, not on every page between paragraphs.
		const { artifacts, tagged } = await artifactText(pdf, 1);
		expect(artifacts).toContain('Steady Strength');
		expect(artifacts).toContain('Client: Carla Client');
		expect(artifacts).toContain('Page 1 of 1');
		expect(tagged).toContain('Progress report, November');
		expect(tagged).toContain('Stairs twice a day');
		expect(tagged).not.toContain('Page 1 of 1');
	});

	it('keeps the structure whole across pages', async () => {
		const long: JSONContent = {
			type: 'doc',
			content: Array.from({ length: 80 }, (_, index) => paragraph(text(`Session ${index + 1}: walked, stretched and rested.`)))
		};
		const pdf = await getDocumentProxy(new Uint8Array(await reportPdf(long, header, 'LETTER')));
		expect(pdf.numPages).toBeGreaterThan(1);
		const last = await artifactText(pdf, pdf.numPages);
		expect(last.artifacts).toContain(`Page ${pdf.numPages} of ${pdf.numPages}`);
		expect(last.tagged).toContain('Session 80:');
		expect(roles((await (await pdf.getPage(pdf.numPages)).getStructTree()) as Node)).toMatch(/^Root\(Document\(P(,P)*\)\)$/);
	});
});
