import { describe, expect, it } from 'vitest';
import { splitIntoSlides, type JSONNode } from './split.ts';

const text = (value: string): JSONNode => ({ type: 'text', text: value });
const h = (level: number, value: string): JSONNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const p = (value = ''): JSONNode => (value ? { type: 'paragraph', content: [text(value)] } : { type: 'paragraph' });
const quote = (value: string): JSONNode => ({ type: 'blockquote', content: [p(value)] });
const doc = (...content: JSONNode[]): JSONNode => ({ type: 'doc', content });

describe('splitting a document into slides', () => {
	it('starts a slide at each level-1 and level-2 heading', () => {
		const slides = splitIntoSlides(doc(h(1, 'Title'), p('By Tess'), h(2, 'One'), p('a'), h(3, 'Detail'), p('b'), h(2, 'Two'), p('c')));
		expect(slides.map((s) => [s.title, s.content.length])).toEqual([
			['Title', 2],
			['One', 4],
			['Two', 2]
		]);
	});

	it('keeps what comes before the first heading as an untitled slide', () => {
		expect(splitIntoSlides(doc(p('Intro'), h(2, 'One'))).map((s) => s.title)).toEqual(['', 'One']);
	});

	it('takes “Notes:” quotes out of the slide and keeps other quotes on it', () => {
		const [slide] = splitIntoSlides(doc(h(2, 'One'), quote('Notes: say hello'), quote('A client said this')));
		expect(slide?.notes).toHaveLength(1);
		expect(slide?.content.map((n) => n.type)).toEqual(['heading', 'blockquote']);
	});

	it('reads “Note:” and “notes :” as notes too, and keeps a slide that has only notes', () => {
		const slides = splitIntoSlides(
			doc(h(2, 'One'), p('a'), quote('Note: one thing'), quote('notes : two things'), h(2, 'Two'), quote('Notes: only notes here'))
		);
		expect(slides.map((s) => [s.title, s.content.length, s.notes.length])).toEqual([
			['One', 2, 2],
			['Two', 1, 1]
		]);
		// A quote that merely mentions notes further in stays on the slide for the audience.
		const [kept] = splitIntoSlides(doc(h(2, 'One'), quote('Take notes: we will share the slides')));
		expect(kept?.notes).toHaveLength(0);
	});

	it('drops empty paragraphs and returns no slides for an empty document', () => {
		expect(splitIntoSlides(doc(p(), p()))).toEqual([]);
		expect(splitIntoSlides({ type: 'doc' })).toEqual([]);
	});
});
