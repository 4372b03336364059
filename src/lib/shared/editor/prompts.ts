import type { Node as PMNode } from '@tiptap/pm/model';

export interface UnfilledPrompt {
	/** Its place among the document's prompts, from 0: what a "jump to" link names. */
	index: number;
	from: number;
	to: number;
	text: string;
}

/**
 * The template prompts still in a document, in reading order: each run of text marked as a prompt
 * (one run may span several text nodes, e.g. where part of it is bold). The server lists them before
 * a report leaves; the editor jumps to one by its index, so both read them with this one function.
 */
export function unfilledPrompts(doc: PMNode): UnfilledPrompt[] {
	const found: UnfilledPrompt[] = [];
	let open: Omit<UnfilledPrompt, 'index'> | null = null;
	const close = () => {
		if (open && open.text.trim()) found.push({ index: found.length, ...open, text: open.text.trim() });
		open = null;
	};
	doc.descendants((node, pos) => {
		if (!node.isText) {
			if (node.isBlock) close();
			return true;
		}
		const isPrompt = node.marks.some((mark) => mark.type.name === 'prompt');
		if (!isPrompt) {
			close();
			return false;
		}
		if (open && open.to === pos) {
			open.to = pos + node.nodeSize;
			open.text += node.text ?? '';
		} else {
			close();
			open = { from: pos, to: pos + node.nodeSize, text: node.text ?? '' };
		}
		return false;
	});
	close();
	return found;
}
