import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Slide } from '../../src/lib/shared/slides/split.ts';
import { handoutPdf } from './handout-pdf.ts';

const text = (value: string) => ({ type: 'text', text: value });
const slides: Slide[] = [
	{ title: 'Deck', content: [{ type: 'heading', attrs: { level: 1 }, content: [text('Deck')] }], notes: [] },
	{ title: 'One', content: [{ type: 'heading', attrs: { level: 2 }, content: [text('One')] }], notes: [] }
];
const subject = {
	title: 'Deck',
	trainer: { name: 'Tess Trainer', email: 'tess@example.com', practiceName: null },
	about: { outcomesStatement: null, credentials: [] },
	dateLine: 'Handout, 4 December 2026'
};

interface StructNode {
	role?: string;
	children?: StructNode[];
}
const roles = (node: StructNode): string => {
	const children = (node.children ?? []).filter((child) => child.role).map(roles);
	return children.length ? `${node.role}(${children.join(',')})` : (node.role ?? '');
};

describe('the handout PDF', () => {
	it('ends with the outcome summary as a table with header cells, and its notes, when there is one', async () => {
		const outcomes = {
			header: ['Measure', 'Group', 'Clients'],
			rows: [['Timed up-and-go', 'All clients', '7']],
			notes: ['Groups of fewer than 5 clients are not shown.']
		};
		const pdf = await getDocumentProxy(new Uint8Array(await handoutPdf(slides, subject, 'A4', 'space', outcomes)));
		expect(pdf.numPages).toBe(3);
		const { text: pages } = await extractText(pdf, { mergePages: false });
		expect(pages[2]).toContain('Outcome summary');
		expect(pages[2]).toContain('Groups of fewer than 5 clients are not shown.');
		// Without a practice name the trainer's name heads every page.
		expect(pages[0]).toContain('Tess Trainer');
		expect(roles((await (await pdf.getPage(3)).getStructTree()) as StructNode)).toMatch(/H2,Table\(TR\(TH,TH,TH\),TR\(TD,TD,TD\)\),P\)\)$/);
	});

	it('says what the trainer’s clients achieve, then lists their credentials, after the contact', async () => {
		const about = { outcomesStatement: 'Most clients walk further within twelve weeks.', credentials: ['Medical Exercise Specialist (AAHF, 2019)'] };
		const pdf = await getDocumentProxy(new Uint8Array(await handoutPdf(slides, { ...subject, about }, 'A4', 'space')));
		const { text: pages } = await extractText(pdf, { mergePages: false });
		expect(pages[2]).toMatch(/tess@example\.com.*Most clients walk further.*Credentials.*Medical Exercise Specialist \(AAHF, 2019\)/s);
		expect(roles((await (await pdf.getPage(3)).getStructTree()) as StructNode)).toMatch(/,P,H3,L\(LI\(Lbl,LBody\(P\)\)\)\)\)$/);
	});

	it('leaves the outcome summary out when there is none, and a deck with no slides is the contact page alone', async () => {
		const without = await getDocumentProxy(new Uint8Array(await handoutPdf(slides, subject, 'A4', 'space')));
		expect((await extractText(without, { mergePages: true })).text).not.toContain('Outcome summary');
		const empty = await getDocumentProxy(new Uint8Array(await handoutPdf([], subject, 'LETTER', 'speaker')));
		expect(empty.numPages).toBe(1);
		expect((await extractText(empty, { mergePages: true })).text).toContain('tess@example.com');
	});
});
