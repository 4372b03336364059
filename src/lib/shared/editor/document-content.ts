import type { JSONContent } from '@tiptap/core';
import { Fragment, type Attrs, type Mark, type MarkType, type Node, type NodeType, type Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { DOCUMENT_FIELD, documentSchema } from './extensions.ts';

/** Deeper than any document a person writes (lists in lists in quotes…), shallow enough for any stack. */
export const MAX_DEPTH = 48;

const MAX_ATTRIBUTE_LENGTH = 2048;

/** y-prosemirror names a mark that occurs twice on one text `name--<hash>`. */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

export interface DocumentContent {
	/** The document as the schema can hold it: every node, mark and attribute it knows, checked. */
	doc: Node;
	/**
	 * What was left out: content the schema does not know (foreign nodes, marks, attributes,
	 * embeds, nesting past MAX_DEPTH). Nothing a Tiptap editor writes lands here.
	 */
	foreign: string[];
	/** Known content in a place the schema does not allow it (concurrent edits can leave that). */
	misplaced: string[];
}

function plainValue(value: unknown): boolean {
	if (typeof value === 'string') return value.length <= MAX_ATTRIBUTE_LENGTH;
	return value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function cleanAttrs(allowed: Record<string, unknown> | undefined, given: Record<string, unknown>, where: string, foreign: string[]): Attrs {
	const attrs: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(given)) {
		if (!allowed || !Object.hasOwn(allowed, key)) foreign.push(`attribute "${key}" on ${where}`);
		else if (!plainValue(value)) foreign.push(`value of "${key}" on ${where}`);
		else attrs[key] = value;
	}
	return attrs;
}

class Reader {
	readonly foreign: string[] = [];
	readonly misplaced: string[] = [];
	readonly #schema: Schema;

	constructor(schema: Schema) {
		this.#schema = schema;
	}

	#marks(attributes: Record<string, unknown> | undefined): readonly Mark[] {
		let marks: readonly Mark[] = [];
		for (const [yName, value] of Object.entries(attributes ?? {})) {
			const name = HASHED_MARK.exec(yName)?.[1] ?? yName;
			const type: MarkType | undefined = this.#schema.marks[name];
			if (!type) {
				this.foreign.push(`mark "${name.slice(0, 40)}"`);
				continue;
			}
			const given = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
			try {
				// addToSet keeps the set valid: one link, not two, on the same text.
				marks = type.create(cleanAttrs(type.spec.attrs, given, `mark ${name}`, this.foreign)).addToSet(marks);
			} catch {
				this.foreign.push(`attributes of mark ${name}`);
			}
		}
		return marks;
	}

	#text(text: Y.XmlText): Node[] {
		const nodes: Node[] = [];
		for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
			if (typeof op.insert !== 'string') {
				this.foreign.push('embedded object in text');
				continue;
			}
			if (op.insert.length === 0) continue;
			nodes.push(this.#schema.text(op.insert, this.#marks(op.attributes)));
		}
		return nodes;
	}

	#element(element: Y.XmlElement, depth: number): Node | null {
		const name = element.nodeName;
		const type: NodeType | undefined = this.#schema.nodes[name];
		if (!type || type.isText || type === this.#schema.topNodeType) {
			this.foreign.push(`node "${name.slice(0, 40)}"`);
			return null;
		}
		if (depth > MAX_DEPTH) {
			this.foreign.push(`nesting deeper than ${MAX_DEPTH}`);
			return null;
		}
		const attrs = cleanAttrs(type.spec.attrs, element.getAttributes() as Record<string, unknown>, name, this.foreign);
		try {
			return type.create(attrs, this.children(element, type, depth + 1));
		} catch {
			this.misplaced.push(`attributes of ${name}`);
			return null;
		}
	}

	/** The children the schema allows here, in order; a required one missing at the end is filled in. */
	children(parent: Y.XmlElement | Y.XmlFragment, type: NodeType, depth: number): Node[] {
		const out: Node[] = [];
		let match = type.contentMatch;
		const place = (node: Node): void => {
			const next = match.matchType(node.type);
			if (!next) {
				this.misplaced.push(`${node.type.name} inside ${type.name}`);
				return;
			}
			// Most nodes carry no marks: skip the filter (and its array) for them, on every render.
			const allowed = node.marks.length === 0 ? node.marks : node.marks.filter((mark) => type.allowsMarkType(mark.type));
			out.push(allowed.length === node.marks.length ? node : node.mark(allowed));
			match = next;
		};
		for (const child of parent.toArray()) {
			if (child instanceof Y.XmlText) this.#text(child).forEach(place);
			else if (child instanceof Y.XmlElement) {
				const node = this.#element(child, depth);
				if (node) place(node);
			} else this.foreign.push('a Y type the schema has no place for');
		}
		if (!match.validEnd) out.push(...(match.fillBefore(Fragment.empty, true)?.content ?? []));
		return out;
	}
}

/**
 * Reads a document's Y.XmlFragment against the document schema. Renderers (the share page, sent
 * versions, PDFs, the provider's live view) show `doc` and log what was left out, so no content can
 * make them throw; the update guard refuses an update that brings anything `foreign`.
 */
export function readDocumentContent(fragment: Y.XmlFragment, schema: Schema = documentSchema()): DocumentContent {
	const reader = new Reader(schema);
	const top = schema.topNodeType;
	let doc: Node;
	try {
		doc = top.createChecked(null, reader.children(fragment, top, 1));
		doc.check();
	} catch {
		// Should the pieces still not fit together, keep the top-level blocks that do on their own.
		reader.misplaced.push('document');
		const blocks = reader.children(fragment, top, 1).filter((block) => {
			try {
				block.check();
				return true;
			} catch {
				return false;
			}
		});
		doc = top.createAndFill(null, blocks) ?? (top.createAndFill() as Node);
	}
	return { doc, foreign: reader.foreign, misplaced: reader.misplaced };
}

/** The document as Tiptap JSON, for generateHTML and the PDF; never anything the schema lacks. */
export function documentJSONOf(doc: Y.Doc, onSkipped?: (skipped: string[]) => void): JSONContent {
	const content = readDocumentContent(doc.getXmlFragment(DOCUMENT_FIELD));
	const skipped = [...content.foreign, ...content.misplaced];
	if (skipped.length > 0) onSkipped?.(skipped);
	return content.doc.toJSON() as JSONContent;
}
