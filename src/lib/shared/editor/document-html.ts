import type { DOMOutputSpec, Fragment, Mark, Node } from '@tiptap/pm/model';

// Elements HTML never closes; any other element without content still gets its end tag.
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeHTML(text: string): string {
	return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** A rendered spec: all of it, or the markup either side of its hole (`0`) when it has one. */
interface Rendered {
	before: string;
	after: string;
	hole: boolean;
}

function attributesHTML(attrs: Record<string, unknown>): string {
	let out = '';
	for (const [name, value] of Object.entries(attrs)) {
		if (value === null || value === undefined) continue;
		// "namespace name", as ProseMirror's DOMSerializer reads it: HTML has no namespaces, keep the name.
		out += ` ${name.slice(name.lastIndexOf(' ') + 1)}="${escapeHTML(String(value))}"`;
	}
	return out;
}

/**
 * A DOMOutputSpec (what each node's and mark's renderHTML returns, through the schema's toDOM) as
 * HTML, read the way ProseMirror's DOMSerializer.renderSpec reads it, but into a string.
 */
function renderSpec(spec: DOMOutputSpec): Rendered {
	if (typeof spec === 'string') return { before: escapeHTML(spec), after: '', hole: false };
	if (!Array.isArray(spec)) throw new Error('document-html: a renderHTML returned a DOM node, which needs a browser');
	const tag = String(spec[0]).slice(String(spec[0]).lastIndexOf(' ') + 1);
	let start = 1;
	let open = `<${tag}`;
	const attrs = spec[1];
	if (attrs && typeof attrs === 'object' && !Array.isArray(attrs)) {
		start = 2;
		open += attributesHTML(attrs as Record<string, unknown>);
	}
	open += '>';
	if (VOID_ELEMENTS.has(tag)) return { before: open, after: '', hole: false };
	let before = open;
	let after = '';
	let hole = false;
	for (let i = start; i < spec.length; i++) {
		const child = spec[i] as DOMOutputSpec | 0;
		if (child === 0) {
			if (i < spec.length - 1 || i > start) throw new Error('document-html: content hole (0) must be the only child of its element');
			hole = true;
			continue;
		}
		const inner = renderSpec(child);
		if (inner.hole) {
			if (hole) throw new Error('document-html: more than one content hole in a spec');
			hole = true;
			before += inner.before;
			after += inner.after;
		} else if (hole) after += inner.before;
		else before += inner.before;
	}
	const close = `</${tag}>`;
	return hole ? { before, after: after + close, hole } : { before: before + close, after: '', hole };
}

function nodeHTML(node: Node): string {
	const toDOM = node.type.spec.toDOM;
	if (!toDOM) return fragmentHTML(node.content);
	const rendered = renderSpec(toDOM(node));
	return rendered.hole ? rendered.before + fragmentHTML(node.content) + rendered.after : rendered.before;
}

/** Children in order; a mark shared by neighbours wraps them once (one link, not a link per word style). */
function fragmentHTML(fragment: Fragment): string {
	let out = '';
	const open: { mark: Mark; close: string }[] = [];
	fragment.forEach((child) => {
		let kept = 0;
		while (kept < open.length && kept < child.marks.length && child.marks[kept]!.eq(open[kept]!.mark) && child.marks[kept]!.type.spec.spanning !== false)
			kept++;
		while (open.length > kept) out += open.pop()!.close;
		for (let i = kept; i < child.marks.length; i++) {
			const mark = child.marks[i]!;
			const toDOM = mark.type.spec.toDOM;
			const rendered = toDOM ? renderSpec(toDOM(mark, child.isInline)) : { before: '', after: '' };
			out += rendered.before;
			open.push({ mark, close: rendered.after });
		}
		out += child.isText ? escapeHTML(child.text ?? '') : nodeHTML(child);
	});
	while (open.length > 0) out += open.pop()!.close;
	return out;
}

/**
 * A document (or any node of the document schema) as HTML, each node and mark by its own renderHTML,
 * as the editor draws it; text and attribute values escaped, so nothing typed becomes markup. No DOM:
 * the same code serves the server (share page, sent versions, exports) and the browser (first screen).
 */
export function documentHTMLOf(doc: Node): string {
	return doc.type === doc.type.schema.topNodeType ? fragmentHTML(doc.content) : nodeHTML(doc);
}
