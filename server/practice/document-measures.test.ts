import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCustomMeasure, addMeasurement, setReferenceSex } from '../../src/lib/shared/measures/store.ts';
import { documentUpdates } from '../db/schema.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { readDocumentMeasures } from './document-measures.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

describe('reading a document’s measures on the server', () => {
	it('includes updates still in the log, as the collaboration server would', async () => {
		const document = await buildDocument(db, await buildClient(db, await buildTrainer(db)), { kind: 'progress_log' });
		const edit = new Y.Doc();
		addMeasurement(edit, { id: 'm1', date: '2026-01-05', measure: 'pain', unit: 'nprs', values: { value: 6 }, qualifier: 'knee' });
		addCustomMeasure(edit, { id: 'custom:1', label: 'Floor to stand', unit: 's', min: 2, max: 120, decimals: 1, direction: 'lower' });
		setReferenceSex(edit, 'male');
		await db.insert(documentUpdates).values({ documentId: document.id, update: Buffer.from(Y.encodeStateAsUpdate(edit)) });

		const read = await readDocumentMeasures(db, document.id);
		expect(read.measurements.map((m) => [m.id, m.values.value, m.qualifier])).toEqual([['m1', 6, 'knee']]);
		expect(read.customs.map((c) => c.label)).toEqual(['Floor to stand']);
		expect(read.sex).toBe('male');
	});

	it('reads nothing from a document without measures', async () => {
		const document = await buildDocument(db, await buildClient(db, await buildTrainer(db)), { kind: 'referral_form' });
		expect(await readDocumentMeasures(db, document.id)).toEqual({ measurements: [], customs: [], sex: undefined });
	});
});
