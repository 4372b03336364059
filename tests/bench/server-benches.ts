// The server's hot paths, each against the bare library call it wraps: what storing, loading and
// rendering cost on top of Yjs itself.
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { readStoredDoc, storedStateOf } from '../../server/collab/stored-state.ts';
import { updateProblem } from '../../server/collab/update-check.ts';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import type { Db } from '../../server/db/client.ts';
import { documentHTML, documentJSON } from '../../server/sharing/render.ts';
import { buildClient, buildDocument, buildTrainer } from '../../server/testing/factories.ts';
import { DOCUMENT_FIELD, documentExtensions } from '../../src/lib/shared/editor/extensions.ts';
import { documentWithParagraphs, paragraphUpdates } from './documents.ts';
import { collectGarbage, compare, compareAsync, formatBytes, formatMs, median, timed, type Row } from './measure.ts';

const PARAGRAPHS = 2_000;

/** A new, empty document row each time: every measured run appends to a log of its own. */
async function freshDocument(db: Db): Promise<DocumentName> {
	const trainer = await buildTrainer(db);
	const document = await buildDocument(db, await buildClient(db, trainer), { kind: 'blank', title: 'Bench' });
	return { kind: 'document', documentId: document.id };
}

function paragraphCount(doc: Y.Doc): number {
	return doc.getXmlFragment(DOCUMENT_FIELD).length;
}

/** (b) Opening a stored document: the compacted state plus a log, as after a crash or between stores. */
async function load(db: Db): Promise<Row> {
	const name = await freshDocument(db);
	const store = storedStateOf(db, name);
	const logged = 100;
	const doc = documentWithParagraphs(PARAGRAPHS - logged);
	await store.compact(Y.encodeStateAsUpdate(doc), (await store.read()).ids, new Date());
	const appends: Array<Promise<number>> = [];
	doc.on('update', (update: Uint8Array) => appends.push(store.append(update)));
	for (const update of paragraphUpdates(logged).updates) {
		// Each logged update adds one paragraph on top of what the state holds.
		Y.applyUpdate(doc, update);
	}
	await Promise.all(appends);
	const state = Y.encodeStateAsUpdate(doc);
	if (paragraphCount(doc) !== PARAGRAPHS) throw new Error('load: the fixture has the wrong length');
	doc.destroy();

	const { baselineMs, measuredMs } = await compareAsync(
		() => {
			const fresh = new Y.Doc();
			const ms = timed(() => Y.applyUpdate(fresh, state));
			fresh.destroy();
			return ms;
		},
		async () => {
			const start = performance.now();
			const loaded = await readStoredDoc(db, name);
			const ms = performance.now() - start;
			if (paragraphCount(loaded) !== PARAGRAPHS) throw new Error('load: the stored document is incomplete');
			loaded.destroy();
			return ms;
		}
	);
	return {
		benchmark: `load ${PARAGRAPHS.toLocaleString('en-US')} paragraphs (state + ${logged}-update log)`,
		baseline: `Y.applyUpdate ${formatMs(baselineMs)}`,
		measured: `readStoredDoc ${formatMs(measuredMs)}`,
		ratio: `${(measuredMs / baselineMs).toFixed(2)}× the time`
	};
}

/**
 * (c) The share page's server rendering, against converting the Yjs fragment to ProseMirror JSON;
 * Tiptap's static renderer, which rendered it until issue 17, timed against the same baseline for reference.
 */
function render(): Row {
	const doc = documentWithParagraphs(PARAGRAPHS);
	const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
	let html = '';
	const toJSON = () => timed(() => yXmlFragmentToProsemirrorJSON(fragment));
	const ours = compare(toJSON, () => timed(() => (html = documentHTML(doc))), { warmup: 10, runs: 21 });
	// In rounds of its own, so that the garbage it leaves is not collected inside our timings.
	const staticRenderer = compare(toJSON, () => timed(() => renderToHTMLString({ content: documentJSON(doc), extensions: documentExtensions })), {
		warmup: 10,
		runs: 21
	});
	if ((html.match(/<p>/g) ?? []).length !== PARAGRAPHS) throw new Error('render: the HTML is missing paragraphs');
	doc.destroy();
	const [json, measured] = [ours.baselineMs, ours.measuredMs];
	const before = staticRenderer.measuredMs / staticRenderer.baselineMs;
	return {
		benchmark: `render ${PARAGRAPHS.toLocaleString('en-US')} paragraphs to HTML`,
		baseline: `to ProseMirror JSON ${formatMs(json)}`,
		measured: `documentHTML ${formatMs(measured)} (${formatBytes(html.length)}); Tiptap's static renderer ${formatMs(staticRenderer.measuredMs)}, ${before.toFixed(1)}×`,
		ratio: `${(measured / json).toFixed(1)}× the time`
	};
}

/** Updates a peer holding `server`'s state sends while `edit` runs, one per transaction. */
function peerUpdates(server: Y.Doc, edit: (peer: Y.Doc) => void): Uint8Array[] {
	const peer = new Y.Doc();
	Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));
	const updates: Uint8Array[] = [];
	peer.on('update', (update: Uint8Array) => updates.push(update));
	edit(peer);
	peer.destroy();
	return updates;
}

/**
 * (e) The update guard (UpdateGuardExtension) on a long document, against applying the same
 * updates unguarded. What editors send (typing, marks, new paragraphs) takes its fast path; the
 * rest takes the full check (a scratch copy of the document, read against the schema), linear in
 * the document's size.
 */
function guard(label: string, edit: (peer: Y.Doc) => void, accepted = true): Row {
	const source = documentWithParagraphs(PARAGRAPHS);
	const state = Y.encodeStateAsUpdate(source);
	const updates = peerUpdates(source, edit);
	source.destroy();
	const run = (check: boolean) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		const ms = timed(() => {
			for (const update of updates) {
				const refused = check && updateProblem(doc, update, { schema: true }) !== null;
				if (check && refused === accepted) throw new Error(`${label}: the guard ${accepted ? 'refused' : 'accepted'} it`);
				if (!refused) Y.applyUpdate(doc, update);
			}
		});
		doc.destroy();
		return ms;
	};
	const { baselineMs, measuredMs } = compare(
		() => run(false),
		() => run(true),
		{ warmup: 1, runs: 5 }
	);
	return {
		benchmark: `guard, ${label}, ${PARAGRAPHS.toLocaleString('en-US')}-paragraph document`,
		baseline: `unguarded ${formatMs(baselineMs / updates.length)} per update`,
		measured: `guarded ${formatMs(measuredMs / updates.length)} per update`,
		ratio: `${(measuredMs / baselineMs).toFixed(1)}× the time`
	};
}

function firstText(doc: Y.Doc): Y.XmlText {
	return (doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Loads `count` copies of `state` and keeps them until the returned release is called. */
function loadCopies(state: Uint8Array, count: number): { docs: Y.Doc[]; release: () => void } {
	const docs: Y.Doc[] = [];
	for (let i = 0; i < count; i++) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		docs.push(doc);
	}
	return {
		docs,
		release: () => {
			for (const doc of docs.splice(0)) doc.destroy();
		}
	};
}

/**
 * (d) What one open document costs in memory, against the size of its encoded state: the heap's
 * growth while a few are held, divided among them. The copies are released (the array emptied,
 * not just left behind) before the next round measures its starting point, or the previous
 * round's documents would still be counted there.
 */
async function memory(): Promise<Row> {
	const source = documentWithParagraphs(PARAGRAPHS);
	const state = Y.encodeStateAsUpdate(source);
	source.destroy();
	const held = 4;
	const perDocument: number[] = [];
	for (let run = 0; run < 4; run++) {
		await collectGarbage();
		const before = process.memoryUsage().heapUsed;
		const copies = loadCopies(state, held);
		await collectGarbage();
		const after = process.memoryUsage().heapUsed;
		if (copies.docs.some((doc) => paragraphCount(doc) !== PARAGRAPHS)) throw new Error('memory: a document is incomplete');
		copies.release();
		if (run > 0) perDocument.push((after - before) / held);
	}
	const heap = median(perDocument);
	return {
		benchmark: `memory of one loaded ${PARAGRAPHS.toLocaleString('en-US')}-paragraph Y.Doc`,
		baseline: `encoded state ${formatBytes(state.length)}`,
		measured: `heap used ${formatBytes(heap)}`,
		ratio: `${(heap / state.length).toFixed(1)}× the bytes`
	};
}

export async function serverBenches(db: Db): Promise<Row[]> {
	// Memory first, on a heap that holds nothing yet of the other benchmarks' documents.
	const memoryRow = await memory();
	return [
		await load(db),
		render(),
		guard('500 keystrokes and a bold word', (peer) => {
			const text = firstText(peer);
			for (let i = 0; i < 500; i++) text.insert(text.length, 'x');
			text.format(0, 7, { bold: {} });
		}),
		guard('20 new paragraphs', (peer) => {
			for (let i = 0; i < 20; i++) {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText('A new line of notes.')]);
				peer.getXmlFragment(DOCUMENT_FIELD).insert(i, [paragraph]);
			}
		}),
		guard('5 outcome measurements', (peer) => {
			for (let i = 0; i < 5; i++) peer.getArray('measurements').push([new Y.Map([['value', 10 + i]])]);
		}),
		guard(
			'one unknown mark (the full check, then refused)',
			(peer) => {
				firstText(peer).format(0, 4, { blink: {} });
			},
			false
		),
		memoryRow
	];
}
