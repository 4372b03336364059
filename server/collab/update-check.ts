import * as Y from 'yjs';
import { MAX_DEPTH, readDocumentContent } from '../../src/lib/shared/editor/document-content.ts';
import { DOCUMENT_FIELD, documentSchema } from '../../src/lib/shared/editor/extensions.ts';
import { CUSTOM_MEASURES, MEASUREMENTS, MEASURE_SETTINGS } from '../../src/lib/shared/measures/store.ts';

/** The top-level types a client document has: its text and its outcome measures. */
const MEASURE_ROOTS = new Set([MEASUREMENTS, CUSTOM_MEASURES, MEASURE_SETTINGS]);
const DOCUMENT_ROOTS = new Set([DOCUMENT_FIELD, ...MEASURE_ROOTS]);

function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Whether a Yjs update can be read at all; cheap, and enough for connections that cannot write. */
export function unreadableUpdate(update: Uint8Array): boolean {
	try {
		Y.decodeUpdate(update);
		return false;
	} catch {
		return true;
	}
}

type Decoded = ReturnType<typeof Y.decodeUpdate>;

const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

function knownFormat(content: Y.ContentFormat): boolean {
	const name = HASHED_MARK.exec(content.key)?.[1] ?? content.key;
	const mark = documentSchema().marks[name];
	if (!mark) return false;
	if (content.value === null) return true;
	if (typeof content.value !== 'object') return false;
	const allowed = mark.spec.attrs ?? {};
	return Object.entries(content.value as Record<string, unknown>).every(
		([key, value]) => Object.hasOwn(allowed, key) && (value === null || ['string', 'number', 'boolean'].includes(typeof value))
	);
}

/** Where an item lives: a type the document has, a type the same update creates, or a root. */
type Place = { existing: Y.AbstractType<unknown> } | { created: Y.Item } | { root: string };

/** A node or text type the update creates, if the content is one the schema knows. */
function knownType(content: Y.Item['content']): boolean {
	if (!(content instanceof Y.ContentType)) return false;
	if (content.type instanceof Y.XmlText) return true;
	if (!(content.type instanceof Y.XmlElement)) return false;
	const type = documentSchema().nodes[content.type.nodeName];
	return type !== undefined && !type.isText && type !== documentSchema().topNodeType;
}

function plainValue(content: Y.Item['content']): boolean {
	if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return false;
	const [value] = content.arr;
	return (
		value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 2048)
	);
}

/**
 * Whether the update is plainly safe without a scratch copy, as what editors send is: text, known
 * marks, known nodes with known attributes, deletions; placed in the document's text or in types
 * the update itself creates; and everything it refers to (origins, parents, the clocks it
 * continues, what it deletes) is in the document or in the update. Whatever this cannot vouch
 * for goes to the full check (`false`), which decides.
 */
function plainlySafe(current: Y.Doc, decoded: Decoded): boolean {
	// A paste or a sync after long offline: rare, and the full check's cost is linear anyway.
	if (decoded.structs.length > 500) return false;
	const store = current.store;
	const known = (client: number) => Y.getState(store, client);
	// The clocks the update covers, per client: [first, end); and its items, by client, in order.
	const ranges = new Map<number, { first: number; end: number; items: Y.Item[] }>();
	for (const struct of decoded.structs) {
		const client = struct.id.client;
		const range = ranges.get(client);
		if (range ? struct.id.clock !== range.end : struct.id.clock > known(client)) return false;
		if (!(struct instanceof Y.Item)) return false;
		if (range) {
			range.end += struct.length;
			range.items.push(struct);
		} else ranges.set(client, { first: struct.id.clock, end: struct.id.clock + struct.length, items: [struct] });
	}
	const fromUpdate = (id: Y.ID): Y.Item | undefined =>
		ranges.get(id.client)?.items.find((item) => id.clock >= item.id.clock && id.clock < item.id.clock + item.length);
	const exists = (id: Y.ID | null) => !id || id.clock < known(id.client) || fromUpdate(id) !== undefined;
	const typeAt = (id: Y.ID): Place | null => {
		if (id.clock < known(id.client)) {
			const existing = Y.getItem(store, id);
			return existing instanceof Y.Item && existing.content instanceof Y.ContentType ? { existing: existing.content.type } : null;
		}
		const created = fromUpdate(id);
		return created && created.content instanceof Y.ContentType ? { created } : null;
	};
	const placeOf = (item: Y.Item): Place | null => {
		let at: Y.Item | undefined = item;
		for (let hops = 0; at && hops < 1000; hops++) {
			if (at.parent instanceof Y.AbstractType) return { existing: at.parent };
			if (typeof at.parent === 'string') return { root: at.parent };
			if (at.parent instanceof Y.ID) return typeAt(at.parent);
			const next: Y.ID | null = at.origin ?? at.rightOrigin;
			if (!next) return null;
			if (next.clock < known(next.client)) {
				const existing = Y.getItem(store, next);
				return existing instanceof Y.Item && existing.parent instanceof Y.AbstractType ? { existing: existing.parent } : null;
			}
			at = fromUpdate(next);
		}
		return null;
	};
	const isText = (place: Place | null) =>
		place !== null &&
		('existing' in place ? place.existing instanceof Y.XmlText : 'created' in place && (place.created.content as Y.ContentType).type instanceof Y.XmlText);
	const elementName = (place: Place | null): string | null => {
		if (!place || 'root' in place) return null;
		const type = 'existing' in place ? place.existing : (place.created.content as Y.ContentType).type;
		return type instanceof Y.XmlElement ? type.nodeName : null;
	};
	// How deep a place is in the document: a chain of new nodes must not outgrow MAX_DEPTH.
	const depthOf = (place: Place | null, hops = 0): number => {
		if (!place || 'root' in place || hops > MAX_DEPTH) return hops;
		if ('created' in place) return depthOf(placeOf(place.created), hops + 1);
		let depth = hops;
		for (let type: Y.AbstractType<unknown> | null = place.existing; type?._item && depth <= MAX_DEPTH; depth++) {
			type = type._item.parent instanceof Y.AbstractType ? type._item.parent : null;
		}
		return depth;
	};
	// Which top-level type a place belongs to.
	const rootOf = (place: Place | null, hops = 0): string | null => {
		if (!place || hops > 1000) return null;
		if ('root' in place) return place.root;
		if ('created' in place) return rootOf(placeOf(place.created), hops + 1);
		let type: Y.AbstractType<unknown> = place.existing;
		while (type._item && type._item.parent instanceof Y.AbstractType) type = type._item.parent;
		for (const [name, root] of current.share) if (root === type) return name;
		return null;
	};
	for (const struct of decoded.structs) {
		const item = struct as Y.Item;
		if (!exists(item.origin) || !exists(item.rightOrigin)) return false;
		const content = item.content;
		if (content instanceof Y.ContentDeleted) continue;
		const place = placeOf(item);
		const root = rootOf(place);
		if (root !== null && MEASURE_ROOTS.has(root)) {
			// Outcome measures: maps and plain values, read back through validation (measures/store.ts).
			const container = content instanceof Y.ContentType && (content.type instanceof Y.Map || content.type instanceof Y.Array);
			if (!container && !(content instanceof Y.ContentAny)) return false;
			continue;
		}
		if (item.parentSub !== null) {
			// A node attribute: known to that node type, with a plain value.
			const name = elementName(place);
			const allowed = name ? documentSchema().nodes[name]?.spec.attrs : undefined;
			if (!allowed || !Object.hasOwn(allowed, item.parentSub) || !plainValue(content)) return false;
			continue;
		}
		if (content instanceof Y.ContentString || content instanceof Y.ContentFormat) {
			if (content instanceof Y.ContentFormat && !knownFormat(content)) return false;
			if (!isText(place)) return false;
			continue;
		}
		if (!knownType(content)) return false;
		if (root !== DOCUMENT_FIELD) return false;
		// A node or a text: into the document's text, or into a node (the schema's content rules
		// are the renderers' to apply), not deeper than anyone writes.
		const inDocument = place !== null && ('root' in place ? place.root === DOCUMENT_FIELD : elementName(place) !== null || isDocumentFragment(current, place));
		if (!inDocument || depthOf(place) >= MAX_DEPTH) return false;
	}
	for (const [client, deletes] of decoded.ds.clients) {
		const end = Math.max(known(client), ranges.get(client)?.end ?? 0);
		if (deletes.some((range) => range.clock + range.len > end)) return false;
	}
	return true;
}

function isDocumentFragment(current: Y.Doc, place: Place): boolean {
	return 'existing' in place && place.existing === current.share.get(DOCUMENT_FIELD);
}

function foreignContent(doc: Y.Doc): string[] {
	return readDocumentContent(doc.getXmlFragment(DOCUMENT_FIELD)).foreign;
}

/**
 * What keeps `update` out of `current`, or null. The update is applied to a scratch copy, never to
 * `current`: it is refused when it cannot be read, when it depends on changes the server never had
 * (Yjs would keep it pending, unrendered, in the stored document for good) and, for a client
 * document (`schema`), when it adds a top-level type or content the document schema does not hold.
 * Problems the document already had are not the sender's: they do not block further edits.
 */
export function updateProblem(current: Y.Doc, update: Uint8Array, options: { schema: boolean }): string | null {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		return 'unreadable update';
	}
	// A peer that is up to date answers the server's sync step with an empty update.
	if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return null;
	if (options.schema && plainlySafe(current, decoded)) return null;

	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current));
		try {
			Y.applyUpdate(scratch, update);
		} catch {
			return 'unreadable update';
		}
		if (hasPending(scratch) && !hasPending(current)) return 'depends on changes the server does not have';
		if (!options.schema) return null;
		for (const root of scratch.share.keys()) {
			if (!DOCUMENT_ROOTS.has(root) && !current.share.has(root)) return `unknown top-level type "${root.slice(0, 40)}"`;
		}
		const after = foreignContent(scratch);
		if (after.length === 0) return null;
		const before = new Set(foreignContent(current));
		const added = after.find((problem) => !before.has(problem));
		if (added || after.length > before.size) return `not in the document schema: ${added ?? after[0]}`;
		return null;
	} finally {
		scratch.destroy();
	}
}
