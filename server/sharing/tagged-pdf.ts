// A tagged PDF (ISO 32000 14.8) written with pdfkit: every heading, paragraph, list and table is a
// structure element, so a screen reader reads the report in order with its headings, lists and
// table headers, and reflows it; running headers, footers and rules are artifacts it skips. The
// document declares its language and shows its title, not its file name.
// Nothing is read but the fonts and nothing fetched: no node of ours draws an image or a file.
//
// Why pdfkit (issue 16.6). pdfmake 0.3, which drew our PDFs before, passes `tagged` through to
// pdfkit, so it marks the file as tagged but writes no structure element: a claim the file would
// not keep. pdfkit itself (maintained, the library pdfmake is built on, so no new code in the
// tree) writes structure elements for text, lists and tables (TH with its scope, TD, with the
// header ids) and Link elements for link annotations. pdf-lib edits and fills PDFs but neither
// lays out text nor tags; jsPDF writes no structure tree. Chromium's print to PDF tags, but a
// browser per download is a heavy thing to run on the server for a report of a few pages.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { JSONContent } from '@tiptap/core';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
// Roboto, as the share page and the earlier PDFs have it: pdfmake ships the four faces.
const fontsDir = path.join(path.dirname(require.resolve('pdfmake/fonts/Roboto.js')), 'Roboto');
const FACES = {
	regular: path.join(fontsDir, 'Roboto-Regular.ttf'),
	bold: path.join(fontsDir, 'Roboto-Medium.ttf'),
	italic: path.join(fontsDir, 'Roboto-Italic.ttf'),
	boldItalic: path.join(fontsDir, 'Roboto-MediumItalic.ttf')
};

export type Paper = 'LETTER' | 'A4';
type Element = PDFKit.PDFStructureElement;

/** A stretch of text of one style. */
export interface Run {
	text: string;
	bold?: boolean;
	italic?: boolean;
	underline?: boolean;
	strike?: boolean;
	/** An http(s) or mailto address: the run becomes a Link element over a link annotation. */
	link?: string;
	color?: string;
}

interface Style {
	size: number;
	color: string;
	bold?: boolean;
	italic?: boolean;
	/** From the left margin. */
	indent?: number;
	before?: number;
	after?: number;
}

export interface TaggedPdfOptions {
	paper: Paper;
	margins: { top: number; right: number; bottom: number; left: number };
	title: string;
	author: string;
	subject: string;
	/** BCP 47, as the document is written: "en" unless the practice says otherwise. */
	language: string;
	baseSize: number;
}

/** Running text on every page, drawn once the page count is known. */
export interface PageFurniture {
	/** Left and right at the top of the page, in the top margin. */
	header?: { left: string; right: string };
	/** Left of the footer; the right is "Page n of N". */
	footer: string;
}

const HEADING_SIZES = [18, 15, 13, 12, 11, 11];
const LINK_COLOR = '#1f5f5b';

/** Where a link may go from a PDF: the web and email only, never a local file or script. */
const safeLink = (href: unknown): string | undefined => (typeof href === 'string' && /^https?:|^mailto:/i.test(href) ? href : undefined);

export class TaggedPdf {
	readonly doc: PDFKit.PDFDocument;
	/** The structure tree's one top element. */
	readonly root: Element;
	private readonly chunks: Buffer[] = [];
	private readonly done: Promise<Buffer>;
	private readonly options: TaggedPdfOptions;

	constructor(options: TaggedPdfOptions) {
		this.options = options;
		this.doc = new PDFDocument({
			size: options.paper,
			margins: options.margins,
			bufferPages: true,
			// Structure and language need PDF 1.4 and later; 1.7 is what readers expect of a tagged file.
			pdfVersion: '1.7',
			tagged: true,
			lang: options.language,
			displayTitle: true,
			info: { Title: options.title, Author: options.author, Subject: options.subject, Creator: 'Bridgework', Producer: 'Bridgework' }
		});
		this.doc.registerFont('regular', FACES.regular);
		this.doc.registerFont('bold', FACES.bold);
		this.doc.registerFont('italic', FACES.italic);
		this.doc.registerFont('boldItalic', FACES.boldItalic);
		this.done = new Promise((resolve, reject) => {
			this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
			this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
			this.doc.on('error', reject);
		});
		this.root = this.doc.struct('Document');
		this.doc.addStructure(this.root);
	}

	get left(): number {
		return this.options.margins.left;
	}

	get width(): number {
		return this.doc.page.width - this.options.margins.left - this.options.margins.right;
	}

	private face(bold?: boolean, italic?: boolean): string {
		return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
	}

	/** Starts a new page when fewer than `lines` lines of `size` are left on this one. */
	private keepLines(size: number, lines = 2): void {
		const bottom = this.doc.page.height - this.options.margins.bottom;
		if (this.doc.y + size * 1.25 * lines > bottom) this.doc.addPage();
	}

	/**
	 * One block of text as a structure element of `type` (P, H1…H6, Lbl…) under `parent`: each run
	 * is marked content of the element, a link run a Link element of its own around its annotation.
	 */
	text(parent: Element, type: string, runs: Run[], style: Style): void {
		const doc = this.doc;
		const indent = style.indent ?? 0;
		doc.y += style.before ?? 0;
		const visible = runs.filter((run) => run.text !== '');
		if (visible.length === 0) {
			// An empty paragraph is space, not an element a screen reader stops at.
			doc.y += style.size * 1.25 + (style.after ?? 0);
			return;
		}
		if (type.startsWith('H')) this.keepLines(style.size, 3);
		const element = doc.struct(type);
		parent.add(element);
		const x = this.left + indent;
		const y = doc.y;
		visible.forEach((run, index) => {
			const draw = () => {
				doc
					.font(this.face(run.bold ?? style.bold, run.italic ?? style.italic))
					.fontSize(style.size)
					.fillColor(run.color ?? (run.link ? LINK_COLOR : style.color));
				const options: PDFKit.Mixins.TextOptions = {
					width: this.width - indent,
					continued: index < visible.length - 1,
					lineGap: style.size * 0.25,
					underline: !!run.underline || !!run.link,
					strike: !!run.strike,
					link: run.link ?? null
				};
				if (index === 0) doc.text(run.text, x, y, options);
				else doc.text(run.text, options);
			};
			if (run.link) {
				const link = doc.struct('Link');
				element.add(link);
				link.add(draw);
				link.end();
			} else {
				element.add(draw);
			}
		});
		element.end();
		doc.x = this.left;
		doc.y += style.after ?? 0;
	}

	heading(parent: Element, level: number, text: string | Run[], style: Partial<Style> = {}): void {
		const clamped = Math.min(6, Math.max(1, Math.round(level)));
		const runs = typeof text === 'string' ? [{ text }] : text;
		this.text(parent, `H${clamped}`, runs, { size: HEADING_SIZES[clamped - 1]!, color: '#000', bold: true, before: 8, after: 4, ...style });
	}

	paragraph(parent: Element, text: string | Run[], style: Partial<Style> = {}): void {
		const runs = typeof text === 'string' ? [{ text }] : text;
		this.text(parent, 'P', runs, { size: this.options.baseSize, color: '#000', after: 6, ...style });
	}

	/** A thin rule across the text: layout, so an artifact. */
	rule(indent = 0): void {
		const doc = this.doc;
		doc.y += 4;
		doc.markContent('Artifact', { type: 'Layout' });
		doc
			.moveTo(this.left + indent, doc.y)
			.lineTo(this.left + this.width, doc.y)
			.lineWidth(0.5)
			.strokeColor('#999')
			.stroke();
		doc.endMarkedContent();
		doc.y += 8;
	}

	/** A list: L, and per item LI with its label (Lbl) and body (LBody), drawn by `body`. */
	list(
		parent: Element,
		labels: string[],
		body: (index: number, element: Element, indent: number) => void,
		style: { indent: number; size: number; color: string }
	): void {
		const doc = this.doc;
		const list = doc.struct('L');
		parent.add(list);
		const labelWidth = Math.max(16, ...labels.map((label) => doc.font('regular').fontSize(style.size).widthOfString(label) + 6));
		labels.forEach((label, index) => {
			this.keepLines(style.size);
			const item = doc.struct('LI');
			list.add(item);
			const top = doc.y;
			const lbl = doc.struct('Lbl');
			item.add(lbl);
			lbl.add(() => {
				doc
					.font('regular')
					.fontSize(style.size)
					.fillColor(style.color)
					.text(label, this.left + style.indent, top, { width: labelWidth, lineBreak: false });
			});
			lbl.end();
			doc.y = top;
			const itemBody = doc.struct('LBody');
			item.add(itemBody);
			body(index, itemBody, style.indent + labelWidth);
			itemBody.end();
			item.end();
			// An item with no text still takes its label's line.
			doc.y = Math.max(doc.y, top + style.size * 1.25);
		});
		list.end();
		doc.y += 4;
	}

	/** A table with one header row: TH cells with column scope, TD cells under them. */
	table(parent: Element, header: string[], rows: string[][], options: { widths?: number[]; size: number }): void {
		const doc = this.doc;
		this.keepLines(options.size, 3);
		const widths = options.widths ?? header.map(() => 1 / header.length);
		const cell = (text: string, th: boolean): TaggedCell => ({
			text,
			type: th ? 'TH' : 'TD',
			scope: th ? 'Column' : undefined,
			// By registered name: a path here would load and parse the font again for every cell.
			font: { src: th ? 'bold' : 'regular', size: options.size },
			textColor: th ? '#444' : '#000'
		});
		const table: TaggedTableOptions = {
			structParent: parent,
			position: { x: this.left, y: doc.y },
			columnStyles: widths.map((share) => share * this.width),
			defaultStyle: { border: { top: 0, right: 0, left: 0, bottom: 0.5 }, borderColor: '#bbb', padding: { top: 3, bottom: 3, left: 3, right: 3 } },
			data: [header.map((text) => cell(text, true)), ...rows.map((row) => row.map((text) => cell(text, false)))]
		};
		doc.table(table);
		doc.x = this.left;
		doc.y += 6;
	}

	/** Ends the document: the running header and footer on every page as artifacts, then the bytes. */
	finish(furniture: PageFurniture): Promise<Buffer> {
		const doc = this.doc;
		const { margins } = this.options;
		const range = doc.bufferedPageRange();
		for (let index = range.start; index < range.start + range.count; index++) {
			doc.switchToPage(index);
			// Text in the margins must not start a new page.
			const bottom = doc.page.margins.bottom;
			doc.page.margins.bottom = 0;
			doc.markContent('Artifact', { type: 'Pagination' });
			if (furniture.header) {
				doc
					.font('bold')
					.fontSize(this.options.baseSize)
					.fillColor(LINK_COLOR)
					.text(furniture.header.left, margins.left, 28, { width: this.width, lineBreak: false });
				doc.font('regular').fillColor('#444').text(furniture.header.right, margins.left, 28, { width: this.width, align: 'right', lineBreak: false });
			}
			const footerY = doc.page.height - margins.bottom + 16;
			doc.font('regular').fontSize(8.5).fillColor('#666').text(furniture.footer, margins.left, footerY, { width: this.width, lineBreak: false });
			doc.text(`Page ${index - range.start + 1} of ${range.count}`, margins.left, footerY, { width: this.width, align: 'right', lineBreak: false });
			doc.endMarkedContent();
			doc.page.margins.bottom = bottom;
		}
		this.root.end();
		doc.end();
		return this.done;
	}

	/** A document's text (the editor's JSON) under `parent`: headings, paragraphs, lists, quotes. */
	documentContent(parent: Element, content: JSONContent[] | undefined, indent = 0, color = '#000'): void {
		for (const node of content ?? []) this.block(parent, node, indent, color);
	}

	private block(parent: Element, node: JSONContent, indent: number, color: string): void {
		const size = this.options.baseSize;
		switch (node.type) {
			case 'paragraph':
				this.paragraph(parent, runsOf(node.content), { indent, color });
				return;
			case 'heading':
				this.heading(parent, Number(node.attrs?.level ?? 1), runsOf(node.content), { indent, color });
				return;
			case 'bulletList':
			case 'orderedList':
			case 'taskList': {
				const items = node.content ?? [];
				const start = Number(node.attrs?.start ?? 1);
				const labels = items.map((item, index) =>
					node.type === 'bulletList' ? '•' : node.type === 'orderedList' ? `${start + index}.` : item.attrs?.checked ? '[x]' : '[  ]'
				);
				this.list(parent, labels, (index, body, bodyIndent) => this.documentContent(body, items[index]?.content, bodyIndent, color), { indent, size, color });
				return;
			}
			case 'blockquote': {
				const quote = this.doc.struct('BlockQuote');
				parent.add(quote);
				this.documentContent(quote, node.content, indent + 16, '#444');
				quote.end();
				return;
			}
			case 'codeBlock':
				this.paragraph(parent, runsOf(node.content), { indent: indent + 8, color: '#333' });
				return;
			case 'horizontalRule':
				this.rule(indent);
				return;
			case 'table': {
				// Cells as plain text: a PDF table row holds lines, not nested blocks.
				const rows = (node.content ?? []).map((row) => (row.content ?? []).map((cell) => plainText(cell)));
				const [header, ...body] = rows;
				if (header) this.table(parent, header, body, { size: size - 1 });
				return;
			}
			default:
				// A node this renderer does not know still shows its text rather than vanishing.
				this.documentContent(parent, node.content, indent, color);
		}
	}
}

/** A node's text, blocks on their own lines. */
function plainText(node: JSONContent): string {
	if (node.type === 'text') return node.text ?? '';
	if (node.type === 'hardBreak') return '\n';
	return (node.content ?? []).map(plainText).join(node.content?.some((child) => child.type !== 'text' && child.type !== 'hardBreak') ? '\n' : '');
}

/** The editor's inline nodes as runs: marks become styles, a template prompt grey italics as on screen. */
export function runsOf(nodes: JSONContent[] | undefined): Run[] {
	const runs: Run[] = [];
	for (const node of nodes ?? []) {
		if (node.type === 'hardBreak') {
			runs.push({ text: '\n' });
			continue;
		}
		if (node.type !== 'text' || !node.text) continue;
		const marks = new Set((node.marks ?? []).map((mark) => mark.type));
		const prompt = marks.has('prompt');
		runs.push({
			text: node.text,
			bold: marks.has('bold') || undefined,
			italic: marks.has('italic') || prompt || undefined,
			underline: marks.has('underline') || undefined,
			strike: marks.has('strike') || undefined,
			link: safeLink(node.marks?.find((mark) => mark.type === 'link')?.attrs?.href),
			color: prompt ? '#666' : undefined
		});
	}
	return runs;
}

// What pdfkit 0.19 accepts and its type definitions (0.17) do not name yet: the table's parent
// in the structure tree, and a header cell's scope.
type TaggedCell = PDFKit.Mixins.CellOptions & { scope?: 'Column' | 'Row' | 'Both' };
interface TaggedTableOptions extends PDFKit.Mixins.TableOptionsWithData {
	structParent: Element;
	data: TaggedCell[][];
}
