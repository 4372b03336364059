import { generateJSON } from '@tiptap/html/server';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { documentHTMLOf } from './document-html.ts';
import { documentExtensions, documentSchema } from './extensions.ts';

const text = (value: string, marks?: object[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: object[]) => ({ type: 'paragraph', content });

// Every node and mark the schema has, nested the ways a trainer's report nests them.
const report = {
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 2 }, content: [text('Knee <script>alert(1)</script> & "hip"')] },
		paragraph(
			text('see ', [{ type: 'link', attrs: { href: 'https://example.org/?a="b"&c' } }]),
			text('the note', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://example.org/?a="b"&c' } }]),
			{ type: 'hardBreak' },
			text('code', [{ type: 'code' }]),
			text(' and ', [{ type: 'italic' }, { type: 'strike' }, { type: 'underline' }]),
			text('fill in', [{ type: 'prompt' }])
		),
		{
			type: 'bulletList',
			content: [
				{
					type: 'listItem',
					content: [paragraph(text('one')), { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph(text('nested'))] }] }]
				}
			]
		},
		{
			type: 'taskList',
			content: [
				{ type: 'taskItem', attrs: { checked: true }, content: [paragraph(text('done'))] },
				{ type: 'taskItem', attrs: { checked: false }, content: [paragraph(text('to do'))] }
			]
		},
		{ type: 'blockquote', content: [paragraph(text('quoted'))] },
		{ type: 'codeBlock', attrs: { language: 'text' }, content: [text('x < 1')] },
		{ type: 'horizontalRule' },
		{
			type: 'table',
			content: [
				{
					type: 'tableRow',
					content: [
						{ type: 'tableHeader', content: [paragraph(text('Measure'))] },
						{ type: 'tableHeader', content: [paragraph(text('Change'))] }
					]
				},
				{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 2 }, content: [paragraph(text('+45 m'))] }] }
			]
		},
		{ type: 'paragraph' }
	]
};

describe('documentHTMLOf', () => {
	const doc = Node.fromJSON(documentSchema(), report);
	const html = documentHTMLOf(doc);

	it('renders HTML that parses back, through the schema, into the same document', () => {
		const parsed = Node.fromJSON(documentSchema(), generateJSON(html, documentExtensions));
		expect(parsed.toJSON()).toEqual(doc.toJSON());
	});

	it('escapes text and attribute values, so nothing typed becomes markup', () => {
		expect(html).toContain('<h2>Knee &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;hip&quot;</h2>');
		expect(html).toContain('href="https://example.org/?a=&quot;b&quot;&amp;c"');
		expect(html).not.toContain('<script');
	});

	it('wraps neighbours that share a mark once, as the editor does', () => {
		expect(html.match(/<a /g)).toHaveLength(1);
		expect(html).toContain('>see <strong>the note</strong></a>');
	});

	it('closes every element HTML does not close itself, and no void one', () => {
		expect(html).toContain('<br><code>');
		expect(html).toContain('<span></span></label>');
		expect(html).toContain('<hr><table');
		expect(html).not.toMatch(/<\/(br|hr|input|col)>|\/>/);
		expect(html).toContain('<p></p>');
	});

	it('never renders a link that would run script', () => {
		const link = Node.fromJSON(documentSchema(), {
			type: 'doc',
			content: [paragraph(text('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]))]
		});
		expect(documentHTMLOf(link)).not.toContain('javascript:');
	});
});
