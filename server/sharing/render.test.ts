import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentSchema, DOCUMENT_FIELD } from '../../src/lib/shared/editor/extensions.ts';
import { documentHTML } from './render.ts';

function docOf(content: object[]): Y.Doc {
	const doc = new Y.Doc();
	prosemirrorJSONToYXmlFragment(documentSchema(), { type: 'doc', content }, doc.getXmlFragment(DOCUMENT_FIELD));
	return doc;
}

describe('documentHTML', () => {
	it('renders each node as the editor draws it, with text and attributes escaped', () => {
		const doc = docOf([
			{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Knee <script>alert(1)</script>' }] },
			{ type: 'paragraph' },
			{
				type: 'paragraph',
				content: [
					{ type: 'text', text: 'see', marks: [{ type: 'link', attrs: { href: 'https://example.org/?a="b"&c' } }] },
					{ type: 'hardBreak' },
					{ type: 'text', text: 'bold', marks: [{ type: 'bold' }] }
				]
			},
			{
				type: 'taskList',
				content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'done' }] }] }]
			}
		]);
		const html = documentHTML(doc);
		expect(html).toContain('<h2>Knee &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
		expect(html).toContain('<p></p>');
		expect(html).toContain('href="https://example.org/?a=&quot;b&quot;&amp;c"');
		expect(html).toContain('<br><strong>bold</strong>');
		// A rendered report is read, not ticked: the box is disabled and named by its item.
		expect(html).toContain('<input type="checkbox" checked="checked" disabled="disabled" aria-label="done"><span></span>');
		expect(html).not.toContain('<script');
	});

	it('never renders a link that would run script', () => {
		const doc = docOf([{ type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }]);
		expect(documentHTML(doc)).not.toContain('javascript:');
	});
});
