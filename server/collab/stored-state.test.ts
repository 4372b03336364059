import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import { readStoredDoc, storedStateOf } from './stored-state.ts';

let database: Awaited<ReturnType<typeof temporaryDatabase>>;
let db: Db;
beforeEach(async () => {
	database = await temporaryDatabase();
	db = database.db;
});
afterEach(() => database.close());

async function newDocument(): Promise<DocumentName> {
	const document = await buildDocument(db, await buildClient(db, await buildTrainer(db)), { kind: 'blank', title: 'Two instances' });
	return { kind: 'document', documentId: document.id };
}

function lines(doc: Y.Doc): string[] {
	return doc.getArray<string>('lines').toArray();
}

/** An instance's in-memory copy of the document: what it loaded, plus what its own clients typed. */
async function load(name: DocumentName): Promise<{ doc: Y.Doc; rows: number[] }> {
	const doc = new Y.Doc();
	const read = await storedStateOf(db, name).read();
	if (read.state) Y.applyUpdate(doc, read.state);
	for (const update of read.log) Y.applyUpdate(doc, update);
	return { doc, rows: [...read.ids] };
}

/** A client of this instance types a line: the update is logged first, as beforeSync does. */
async function type(instance: { doc: Y.Doc; rows: number[] }, name: DocumentName, line: string): Promise<void> {
	const typist = new Y.Doc();
	Y.applyUpdate(typist, Y.encodeStateAsUpdate(instance.doc));
	const before = Y.encodeStateVector(typist);
	typist.getArray<string>('lines').push([line]);
	const update = Y.encodeStateAsUpdate(typist, before);
	instance.rows.push(await storedStateOf(db, name).append(update));
	Y.applyUpdate(instance.doc, update);
	typist.destroy();
}

describe('compaction by two instances holding one document', () => {
	it('never drops rows the other instance folded in: the stored state keeps both instances’ edits', async () => {
		const name = await newDocument();
		const a = await load(name);
		const b = await load(name);
		await type(a, name, 'typed on A');
		await type(b, name, 'typed on B');
		// Without Redis in between, each holds only its own edit. B stores first and deletes its row;
		// then A stores its older picture and deletes its own. B's edit must survive A's state.
		await storedStateOf(db, name).compact(Y.encodeStateAsUpdate(b.doc), b.rows, new Date());
		await storedStateOf(db, name).compact(Y.encodeStateAsUpdate(a.doc), a.rows, new Date());

		const stored = await readStoredDoc(db, name);
		expect(lines(stored).sort()).toEqual(['typed on A', 'typed on B']);
		const read = await storedStateOf(db, name).read();
		expect(read.log).toHaveLength(0);
		stored.destroy();
	});

	it('compactions of one document running at the same time keep every edit and leave unfolded rows in the log', async () => {
		const name = await newDocument();
		const a = await load(name);
		const b = await load(name);
		for (let i = 0; i < 5; i++) {
			await type(a, name, `A${i}`);
			await type(b, name, `B${i}`);
		}
		// A row appended by a third writer that neither instance has seen yet.
		const late = await load(name);
		await type(late, name, 'late');
		const lateRow = late.rows.at(-1)!;
		await Promise.all([
			storedStateOf(db, name).compact(
				Y.encodeStateAsUpdate(a.doc),
				a.rows.filter((row) => row !== lateRow),
				new Date()
			),
			storedStateOf(db, name).compact(
				Y.encodeStateAsUpdate(b.doc),
				b.rows.filter((row) => row !== lateRow),
				new Date()
			)
		]);
		const read = await storedStateOf(db, name).read();
		expect(read.ids).toEqual([lateRow]);
		const stored = await readStoredDoc(db, name);
		expect(lines(stored).sort()).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'B0', 'B1', 'B2', 'B3', 'B4', 'late'].sort());
		stored.destroy();
	});
});
