import { createRequire } from 'node:module';
import path from 'node:path';
import type { JSONContent } from '@tiptap/core';
import pdfmake from 'pdfmake';
import type { Content, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { SummaryTable } from '../../src/lib/shared/measures/summary-table.ts';

const require = createRequire(import.meta.url);
const fonts = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>;
const fontsDir = path.dirname(require.resolve('pdfmake/fonts/Roboto.js'));
pdfmake.setFonts(fonts);
// pdfmake may read local files named in a document; ours names only its own fonts.
pdfmake.setLocalAccessPolicy((file: string) => path.resolve(file).startsWith(fontsDir));
// Nor is anything fetched from the network: an image URL typed into a document must not make the
// server request it (and pdfmake warns on every document while no policy is set).
pdfmake.setUrlAccessPolicy(() => false);

export type Paper = 'LETTER' | 'A4';

export interface ReportHeader {
	practice: string;
	trainerName: string;
	/** Null for a practice document, which is about no client. */
	clientName: string | null;
	title: string;
	/** "Live report as of …" or "Sent on … by …". */
	dateLine: string;
}

type Inline = ContentText | string;

function inline(nodes: JSONContent[] | undefined): Inline[] {
	const out: Inline[] = [];
	for (const node of nodes ?? []) {
		if (node.type === 'hardBreak') {
			out.push('\n');
			continue;
		}
		if (node.type !== 'text' || !node.text) continue;
		const marks = new Set((node.marks ?? []).map((mark) => mark.type));
		const link = node.marks?.find((mark) => mark.type === 'link')?.attrs?.href as string | undefined;
		const decoration = [marks.has('underline') || link ? 'underline' : null, marks.has('strike') ? 'lineThrough' : null].filter(Boolean);
		out.push({
			text: node.text,
			bold: marks.has('bold') || undefined,
			// A template prompt the trainer has not replaced yet prints as grey italics, as on screen.
			italics: marks.has('italic') || marks.has('prompt') || undefined,
			decoration: decoration.length ? (decoration as ContentText['decoration']) : undefined,
			link: link && /^https?:|^mailto:/i.test(link) ? link : undefined,
			color: link ? '#1f5f5b' : marks.has('prompt') ? '#666' : undefined
		});
	}
	return out;
}

const HEADING_SIZES = [18, 15, 13, 12, 11, 11];

function block(node: JSONContent): Content | null {
	switch (node.type) {
		case 'paragraph':
			return { text: inline(node.content), margin: [0, 0, 0, 6] };
		case 'heading': {
			const level = Number(node.attrs?.level ?? 1);
			return { text: inline(node.content), bold: true, fontSize: HEADING_SIZES[level - 1] ?? 11, margin: [0, 8, 0, 4] };
		}
		case 'bulletList':
			return { ul: (node.content ?? []).map(listItem), margin: [0, 0, 0, 6] };
		case 'orderedList':
			return { ol: (node.content ?? []).map(listItem), start: Number(node.attrs?.start ?? 1), margin: [0, 0, 0, 6] };
		case 'taskList':
			return { stack: (node.content ?? []).map(taskItem), margin: [0, 0, 0, 6] };
		case 'blockquote':
			return { stack: blocks(node.content), margin: [16, 0, 0, 6], color: '#444' };
		case 'codeBlock':
			return { text: inline(node.content), margin: [0, 0, 0, 6], color: '#333', background: '#f3f3f3' };
		case 'horizontalRule':
			return { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 515, y2: 4, lineWidth: 0.5, lineColor: '#999' }], margin: [0, 4, 0, 8] };
		default:
			// A node this renderer does not know still shows its text rather than vanishing.
			return node.content ? { stack: blocks(node.content) } : null;
	}
}

/** A tick box drawn as text, so a printed form can be ticked by hand. */
function taskItem(node: JSONContent): Content {
	return { columns: [{ text: node.attrs?.checked ? '[x]' : '[  ]', width: 20 }, { stack: blocks(node.content) }], margin: [0, 0, 0, 2] };
}

function listItem(node: JSONContent): Content {
	return { stack: blocks(node.content) };
}

/** A document's text as pdfmake content, for any PDF that carries documents. */
export function documentBlocks(doc: JSONContent): Content[] {
	return blocks(doc.content);
}

function blocks(nodes: JSONContent[] | undefined): Content[] {
	return (nodes ?? []).map(block).filter((content): content is Content => content !== null);
}

/** The outcome measures after the text: change from baseline, with the sources of the cut-offs. */
function outcomesSection(outcomes: SummaryTable): Content[] {
	if (outcomes.rows.length === 0) return [];
	const sources: Content[] =
		outcomes.sources.length === 0
			? []
			: [
					{ text: 'Sources of reference values', bold: true, fontSize: 9, margin: [0, 8, 0, 2] },
					{ ol: outcomes.sources.map((source) => `${source.citation}${source.url ? ` ${source.url}` : ''}`), fontSize: 8, color: '#555' }
				];
	return [
		{ text: 'Outcome measures: change from baseline', bold: true, fontSize: 13, margin: [0, 12, 0, 6] },
		{
			table: {
				headerRows: 1,
				widths: ['22%', '17%', '17%', '22%', '22%'],
				body: [outcomes.header.map((cell) => ({ text: cell, bold: true, color: '#444' })), ...outcomes.rows]
			},
			layout: 'lightHorizontalLines',
			fontSize: 9
		},
		...sources
	];
}

/** The report as a PDF: practice header on every page, client and date, page numbers, no UI. */
export function reportPdf(doc: JSONContent, header: ReportHeader, paper: Paper, outcomes?: SummaryTable): Promise<Buffer> {
	const definition: TDocumentDefinitions = {
		pageSize: paper,
		pageMargins: [56, 72, 56, 56],
		info: { title: header.clientName ? `${header.title} — ${header.clientName}` : header.title, author: header.trainerName, subject: 'Progress report' },
		// Screen readers pick a voice from the language and show the title, not the file name.
		// Not `tagged`: pdfmake 0.3 only marks the file as tagged and writes no structure elements,
		// which would claim a structure the file lacks.
		language: 'en',
		displayTitle: true,
		defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25 },
		header: () => ({
			columns: [
				{ text: header.practice, bold: true, color: '#1f5f5b' },
				{ text: header.clientName ? `Client: ${header.clientName}` : '', alignment: 'right', color: '#444' }
			],
			margin: [56, 28, 56, 0]
		}),
		footer: (currentPage: number, pageCount: number) => ({
			columns: [
				{ text: header.dateLine, color: '#666', fontSize: 8.5 },
				{ text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', color: '#666', fontSize: 8.5 }
			],
			margin: [56, 16, 56, 0]
		}),
		content: [
			{ text: header.title, fontSize: 20, bold: true, margin: [0, 0, 0, 2] },
			{ text: `${header.trainerName} · ${header.dateLine}`, color: '#555', margin: [0, 0, 0, 14] },
			...blocks(doc.content),
			...(outcomes ? outcomesSection(outcomes) : [])
		]
	};
	return pdfmake.createPdf(definition).getBuffer();
}
