// The leave-behind of a Lunch & Learn: the deck as a tagged PDF (tagged-pdf.ts says how and why),
// one slide to a page, with room for the reader's own notes under each (or, in the trainer's own
// copy, the speaker notes), then how to reach the trainer, their outcomes and credentials from
// their profile, and the practice's outcome summary.
import type { Slide } from '../../src/lib/shared/slides/split.ts';
import { TaggedPdf, type Paper } from './tagged-pdf.ts';

export type HandoutNotes = 'space' | 'speaker';

/**
 * The practice's outcome summary as table cells, the shape `outcomeTable` gives
 * (src/lib/shared/measures/outcome-summary-table.ts, being written on another branch): until it is
 * on main no caller passes one, and the handout ends with the trainer's contact.
 */
export interface HandoutOutcomes {
	header: string[];
	rows: string[][];
	/** How to read the table honestly: group sizes, what was left out, sources. */
	notes: string[];
}

export interface HandoutSubject {
	title: string;
	trainer: { name: string; email: string; practiceName: string | null };
	/** From the trainer's professional profile (/settings/profile): what clients achieve, then credentials. */
	about: { outcomesStatement: string | null; credentials: string[] };
	/** "Handout, 4 December 2026": in the practice's time zone and locale. */
	dateLine: string;
	language?: string;
}

/** Lines drawn for the reader's notes: layout, so artifacts a screen reader skips. */
function notesSpace(pdf: TaggedPdf): void {
	const doc = pdf.doc;
	const bottom = doc.page.height - doc.page.margins.bottom;
	pdf.heading(pdf.root, 3, 'Your notes', { size: 11, before: 10, after: 6, color: '#444' });
	doc.markContent('Artifact', { type: 'Layout' });
	for (let y = doc.y + 18; y < bottom - 4; y += 22) {
		doc
			.moveTo(pdf.left, y)
			.lineTo(pdf.left + pdf.width, y)
			.lineWidth(0.4)
			.strokeColor('#bbb')
			.stroke();
	}
	doc.endMarkedContent();
}

function speakerNotes(pdf: TaggedPdf, slide: Slide): void {
	pdf.heading(pdf.root, 3, 'Speaker notes', { size: 11, before: 10, after: 4, color: '#444' });
	if (slide.notes.length === 0) pdf.paragraph(pdf.root, 'No notes for this slide.', { color: '#555' });
	else pdf.documentContent(pdf.root, slide.notes);
}

function contactSection(pdf: TaggedPdf, subject: HandoutSubject): void {
	const { trainer } = subject;
	pdf.heading(pdf.root, 2, 'Contact', { size: 15, before: 0, after: 6 });
	pdf.paragraph(pdf.root, [{ text: trainer.name, bold: true }]);
	if (trainer.practiceName) pdf.paragraph(pdf.root, trainer.practiceName);
	pdf.paragraph(pdf.root, [{ text: 'Email: ' }, { text: trainer.email, link: `mailto:${trainer.email}` }]);
	// Outcomes before certifications, as the profile's own advice orders them.
	if (subject.about.outcomesStatement) pdf.paragraph(pdf.root, subject.about.outcomesStatement, { before: 6 });
	if (subject.about.credentials.length === 0) return;
	pdf.heading(pdf.root, 3, 'Credentials', { size: 11, before: 6, after: 2 });
	pdf.list(
		pdf.root,
		subject.about.credentials.map(() => '•'),
		(index, body, indent) => pdf.paragraph(body, subject.about.credentials[index]!, { indent, after: 1 }),
		{ indent: 0, size: 11, color: '#000' }
	);
}

function outcomesSection(pdf: TaggedPdf, outcomes: HandoutOutcomes): void {
	pdf.heading(pdf.root, 2, 'Outcome summary', { size: 15, before: 16, after: 6 });
	pdf.table(pdf.root, outcomes.header, outcomes.rows, { size: 9 });
	for (const note of outcomes.notes) pdf.paragraph(pdf.root, note, { size: 8, color: '#555', after: 2 });
}

export function handoutPdf(slides: Slide[], subject: HandoutSubject, paper: Paper, notes: HandoutNotes, outcomes?: HandoutOutcomes): Promise<Buffer> {
	const pdf = new TaggedPdf({
		paper,
		margins: { top: 72, right: 56, bottom: 56, left: 56 },
		title: subject.title,
		author: subject.trainer.name,
		subject: notes === 'speaker' ? 'Lunch & Learn, with speaker notes' : 'Lunch & Learn handout',
		language: subject.language ?? 'en',
		baseSize: 11
	});
	slides.forEach((slide, index) => {
		if (index > 0) pdf.doc.addPage();
		// The slide's own heading is its first node: the deck's title is the H1, each section an H2.
		pdf.documentContent(pdf.root, slide.content);
		pdf.rule();
		if (notes === 'speaker') speakerNotes(pdf, slide);
		else notesSpace(pdf);
	});
	if (slides.length > 0) pdf.doc.addPage();
	contactSection(pdf, subject);
	if (outcomes && outcomes.rows.length > 0) outcomesSection(pdf, outcomes);
	return pdf.finish({
		header: { left: subject.trainer.practiceName ?? subject.trainer.name, right: subject.title },
		footer: subject.dateLine
	});
}
