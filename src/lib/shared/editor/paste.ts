/**
 * Word writes a list as paragraphs marked with `mso-list` styles and a typed bullet or number, not
 * as <ul>/<ol>: left alone, a pasted list arrives as paragraphs starting with "·". This rewrites
 * those runs into real lists (nested by their level) before ProseMirror parses the paste; the
 * document schema then keeps headings, lists, bold, italic and links, and drops everything else.
 * Google Docs writes real lists and headings and needs nothing here.
 */
export function cleanPastedHTML(html: string, parser: DOMParser = new DOMParser()): string {
	if (!/mso-|urn:schemas-microsoft-com|class="?Mso/i.test(html)) return html;
	const doc = parser.parseFromString(html, 'text/html');
	for (const junk of doc.querySelectorAll('style, meta, link, xml, title')) junk.remove();
	removeComments(doc.body);
	for (const element of [...doc.body.querySelectorAll('*')]) {
		// <o:p> and friends: Office's own elements hold nothing the schema keeps.
		if (element.tagName.includes(':')) element.replaceWith(...element.childNodes);
	}
	let paragraph = firstListParagraph(doc.body);
	while (paragraph) {
		const run: Element[] = [];
		let node: Element | null = paragraph;
		while (node && isListParagraph(node)) {
			run.push(node);
			node = node.nextElementSibling;
		}
		replaceWithList(doc, run);
		paragraph = firstListParagraph(doc.body);
	}
	return doc.body.innerHTML;
}

function removeComments(root: Node): void {
	for (const child of [...root.childNodes]) {
		if (child.nodeType === 8) child.remove();
		else removeComments(child);
	}
}

function isListParagraph(element: Element): boolean {
	return element.tagName === 'P' && (/mso-list:\s*l\d/i.test(element.getAttribute('style') ?? '') || /MsoListParagraph/i.test(element.className));
}

function firstListParagraph(root: Element): Element | null {
	return [...root.querySelectorAll('p')].find(isListParagraph) ?? null;
}

function levelOf(element: Element): number {
	return Number(/level(\d+)/i.exec(element.getAttribute('style') ?? '')?.[1] ?? '1');
}

/** Takes the typed marker ("1.", "a)", "·", "o") off the paragraph and says whether it numbers. */
function takeMarker(element: Element): boolean {
	const ignored = [...element.querySelectorAll('span')].find((span) => /mso-list:\s*ignore/i.test(span.getAttribute('style') ?? ''));
	const marker = (ignored?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
	ignored?.remove();
	return /^(\d+|[a-z]|[ivxlc]+)[.)]$/i.test(marker);
}

function replaceWithList(doc: Document, run: Element[]): void {
	const first = run[0];
	if (!first) return;
	const stack: { level: number; list: HTMLElement }[] = [];
	let root: HTMLElement | null = null;
	for (const paragraph of run) {
		const level = levelOf(paragraph);
		const ordered = takeMarker(paragraph);
		while (stack.length > 0 && stack[stack.length - 1]!.level > level) stack.pop();
		let top = stack[stack.length - 1];
		if (!top || top.level < level) {
			const list = doc.createElement(ordered ? 'ol' : 'ul');
			const parentItem = top?.list.lastElementChild;
			if (parentItem) parentItem.append(list);
			else root ??= list;
			top = { level, list };
			stack.push(top);
		}
		const item = doc.createElement('li');
		const text = doc.createElement('p');
		text.append(...paragraph.childNodes);
		item.append(text);
		top.list.append(item);
	}
	if (root) first.before(root);
	for (const paragraph of run) paragraph.remove();
}
