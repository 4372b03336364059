import { generateHTML } from '@tiptap/html/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentJSONOf, MAX_DEPTH, readDocumentContent } from './document-content.ts';
import { documentExtensions } from './extensions.ts';

function docWith(build: (fragment: Y.XmlFragment) => void): Y.Doc {
	const doc = new Y.Doc();
	build(doc.getXmlFragment('default'));
	return doc;
}

function paragraph(text: string): Y.XmlElement {
	const element = new Y.XmlElement('paragraph');
	element.insert(0, [new Y.XmlText(text)]);
	return element;
}

describe('readDocumentContent', () => {
	it('keeps what the schema knows and names what it left out', () => {
		const doc = docWith((fragment) => {
			const script = new Y.XmlElement('script');
			script.insert(0, [new Y.XmlText('alert(1)')]);
			fragment.insert(0, [paragraph('Before'), script, paragraph('After')]);
			(fragment.get(0) as Y.XmlElement).setAttribute('style', 'color:red');
			((fragment.get(2) as Y.XmlElement).get(0) as Y.XmlText).format(0, 5, { blink: {}, bold: {} });
		});
		const content = readDocumentContent(doc.getXmlFragment('default'));
		expect(content.foreign).toEqual(['attribute "style" on paragraph', 'node "script"', 'mark "blink"']);
		const html = generateHTML(content.doc.toJSON(), documentExtensions);
		expect(html).toBe('<p>Before</p><p><strong>After</strong></p>');
	});

	it('moves nothing into a place the schema forbids, and fills what it requires', () => {
		const doc = docWith((fragment) => {
			const list = new Y.XmlElement('bulletList');
			list.insert(0, [paragraph('not a list item')]);
			fragment.insert(0, [list, new Y.XmlText('text at the top')]);
		});
		const content = readDocumentContent(doc.getXmlFragment('default'));
		expect(content.foreign).toEqual([]);
		expect(content.misplaced).toEqual(['paragraph inside bulletList', 'text inside doc']);
		expect(() => generateHTML(content.doc.toJSON(), documentExtensions)).not.toThrow();
	});

	it('stops at a nesting depth no person writes', () => {
		const doc = docWith((fragment) => {
			let inner = paragraph('deep');
			for (let i = 0; i < MAX_DEPTH + 5; i++) {
				const quote = new Y.XmlElement('blockquote');
				quote.insert(0, [inner]);
				inner = quote;
			}
			fragment.insert(0, [inner]);
		});
		expect(readDocumentContent(doc.getXmlFragment('default')).foreign).toContain(`nesting deeper than ${MAX_DEPTH}`);
	});

	it('gives an empty document one empty paragraph, as the editor shows it', () => {
		expect(documentJSONOf(new Y.Doc())).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
	});
});
