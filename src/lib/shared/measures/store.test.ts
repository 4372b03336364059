import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCustomMeasure,
	addMeasurement,
	copyMeasures,
	measurementsArray,
	readCustomMeasures,
	readMeasurements,
	readReferenceSex,
	removeMeasurement,
	setReferenceSex
} from './store.ts';
import type { Measurement } from './types.ts';

const tug = (id: string, date: string, value: number): Measurement => ({ id, date, measure: 'timed_up_and_go', unit: 's', values: { value } });

/** A seeded generator (mulberry32), so a failing interleaving can be replayed. */
function seeded(seed: number) {
	let state = seed;
	return () => {
		state |= 0;
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Two peers that queue their updates, delivered later in a random order, as a network would. */
function peers(seed: number) {
	const random = seeded(seed);
	const a = new Y.Doc();
	const b = new Y.Doc();
	const inFlight: Array<{ to: Y.Doc; update: Uint8Array }> = [];
	a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'net' && inFlight.push({ to: b, update }));
	b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'net' && inFlight.push({ to: a, update }));
	const deliverAll = () => {
		while (inFlight.length > 0) {
			const [message] = inFlight.splice(Math.floor(random() * inFlight.length), 1);
			if (message) Y.applyUpdate(message.to, message.update, 'net');
		}
	};
	return { a, b, deliverAll };
}

describe('measurements in a Y.Doc', () => {
	it('reads back what was added, oldest date first', () => {
		const doc = new Y.Doc();
		addMeasurement(doc, tug('2', '2026-02-01', 12.5));
		addMeasurement(doc, { ...tug('1', '2026-01-01', 14), note: 'used a cane', by: 'Tess', recordedAt: 5 });
		expect(readMeasurements(doc)).toEqual([{ ...tug('1', '2026-01-01', 14), note: 'used a cane', by: 'Tess', recordedAt: 5 }, tug('2', '2026-02-01', 12.5)]);
	});

	it('stores each entry as its own map, not as text', () => {
		const doc = new Y.Doc();
		addMeasurement(doc, tug('1', '2026-01-01', 14));
		const [entry] = measurementsArray(doc).toArray();
		expect(entry).toBeInstanceOf(Y.Map);
		expect(entry?.get('values')).toEqual({ value: 14 });
	});

	it.each([1, 2, 3, 4, 5, 6, 7, 8])('keeps both peers’ concurrent additions (seed %i)', (seed) => {
		const { a, b, deliverAll } = peers(seed);
		for (let i = 0; i < 10; i++) {
			addMeasurement(a, tug(`a${i}`, `2026-01-${String(i + 1).padStart(2, '0')}`, 12 + i / 10));
			addMeasurement(b, tug(`b${i}`, `2026-01-${String(i + 1).padStart(2, '0')}`, 13 + i / 10));
		}
		deliverAll();
		const ids = (doc: Y.Doc) => readMeasurements(doc).map((m) => m.id);
		expect(ids(a)).toHaveLength(20);
		expect(ids(a)).toEqual(ids(b));
		expect(ids(a).filter((id) => id.startsWith('a'))).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`));
	});

	it('removes by id even after concurrent inserts moved the entry', () => {
		const { a, b, deliverAll } = peers(42);
		addMeasurement(a, tug('keep', '2026-01-01', 12));
		addMeasurement(a, tug('drop', '2026-01-02', 13));
		deliverAll();
		addMeasurement(b, tug('new', '2026-01-03', 11));
		expect(removeMeasurement(a, 'drop')).toBe(true);
		deliverAll();
		expect(readMeasurements(b).map((m) => m.id)).toEqual(['keep', 'new']);
		expect(removeMeasurement(b, 'drop')).toBe(false);
	});

	it('brings a removed entry back through an undo manager that tracks the origin', () => {
		const doc = new Y.Doc();
		addMeasurement(doc, tug('1', '2026-01-01', 14));
		const undo = new Y.UndoManager(measurementsArray(doc), { trackedOrigins: new Set(['panel']) });
		removeMeasurement(doc, '1', 'panel');
		expect(readMeasurements(doc)).toEqual([]);
		undo.undo();
		expect(readMeasurements(doc)).toEqual([tug('1', '2026-01-01', 14)]);
	});

	it('skips entries a peer wrote in the wrong shape', () => {
		const doc = new Y.Doc();
		const bad = new Y.Map<unknown>();
		bad.set('id', 'x');
		bad.set('date', '2026-01-01');
		bad.set('measure', 'timed_up_and_go');
		bad.set('unit', 's');
		bad.set('values', { value: 'fast' });
		measurementsArray(doc).push([bad]);
		addMeasurement(doc, tug('ok', '2026-01-01', 12));
		expect(readMeasurements(doc).map((m) => m.id)).toEqual(['ok']);
	});
});

describe('custom measures and settings', () => {
	it('round-trip and converge', () => {
		const { a, b, deliverAll } = peers(7);
		addCustomMeasure(a, { id: 'custom:1', label: 'Daily steps', unit: 'steps', min: 0, max: 60000, decimals: 0, direction: 'higher' });
		setReferenceSex(b, 'female');
		deliverAll();
		expect(readCustomMeasures(b).map((c) => c.label)).toEqual(['Daily steps']);
		expect(readReferenceSex(a)).toBe('female');
		setReferenceSex(a, undefined);
		deliverAll();
		expect(readReferenceSex(b)).toBeUndefined();
	});
});

describe('copying measures into a new document', () => {
	it('copies each entry once, in date order, with custom definitions and settings', () => {
		const log = new Y.Doc();
		addMeasurement(log, tug('m2', '2026-02-01', 12));
		addMeasurement(log, tug('m1', '2026-01-01', 14));
		addCustomMeasure(log, { id: 'custom:1', label: 'Daily steps', unit: 'steps', min: 0, max: 60000, decimals: 0, direction: 'higher' });
		setReferenceSex(log, 'male');
		const earlierReport = new Y.Doc();
		addMeasurement(earlierReport, tug('m1', '2026-01-01', 14));

		const target = new Y.Doc();
		expect(copyMeasures([log, earlierReport], target)).toBe(2);
		expect(
			measurementsArray(target)
				.toArray()
				.map((entry) => entry.get('id'))
		).toEqual(['m1', 'm2']);
		expect(readCustomMeasures(target)).toHaveLength(1);
		expect(readReferenceSex(target)).toBe('male');
		expect(copyMeasures([log], target)).toBe(0);
	});
});
