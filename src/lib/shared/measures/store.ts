import * as Y from 'yjs';
import type { Sex } from './catalogue.ts';
import type { CustomMeasure, Measurement } from './types.ts';

/**
 * Outcome measures live in the document's own Y.Doc, beside its text, as structured data: a
 * Y.Array of Y.Maps. Each entry is its own map, so two people adding measures at the same moment
 * both keep theirs, and a later edit to one field of an entry merges with edits to another.
 *
 * Custom measure definitions travel in the same document (a Y.Map keyed by id): a report copied
 * from a progress log, or shared with a provider, then carries the definitions its values need.
 *
 * Readers are defensive: whatever a peer wrote, only well-formed entries come back.
 */

export const MEASUREMENTS = 'measurements';
export const CUSTOM_MEASURES = 'customMeasures';
export const MEASURE_SETTINGS = 'measureSettings';

type Entry = Y.Map<unknown>;

export function measurementsArray(doc: Y.Doc): Y.Array<Entry> {
	return doc.getArray<Entry>(MEASUREMENTS);
}

export function customMeasuresMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(CUSTOM_MEASURES);
}

export function settingsMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(MEASURE_SETTINGS);
}

function entryOf(measurement: Measurement): Entry {
	const entry = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(measurement)) {
		if (value !== undefined) entry.set(key, value);
	}
	return entry;
}

export function addMeasurement(doc: Y.Doc, measurement: Measurement): void {
	measurementsArray(doc).push([entryOf(measurement)]);
}

/**
 * Removes by id, wherever concurrent inserts have moved it; false when it is already gone. The
 * origin lets a Y.UndoManager that tracks it bring the entry back.
 */
export function removeMeasurement(doc: Y.Doc, id: string, origin?: unknown): boolean {
	const array = measurementsArray(doc);
	let removed = false;
	doc.transact(() => {
		const index = array.toArray().findIndex((entry) => entry.get('id') === id);
		if (index >= 0) {
			array.delete(index, 1);
			removed = true;
		}
	}, origin);
	return removed;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function readValues(raw: unknown): Record<string, number> | undefined {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
	const values: Record<string, number> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (!isFiniteNumber(value)) return undefined;
		values[key] = value;
	}
	return Object.keys(values).length > 0 ? values : undefined;
}

export function parseMeasurement(entry: Entry): Measurement | undefined {
	const id = entry.get('id');
	const date = entry.get('date');
	const measure = entry.get('measure');
	const unit = entry.get('unit');
	const values = readValues(entry.get('values'));
	if (!isString(id) || !isString(date) || !isString(measure) || !isString(unit) || !values) return undefined;
	const qualifier = entry.get('qualifier');
	const note = entry.get('note');
	const by = entry.get('by');
	const recordedAt = entry.get('recordedAt');
	return {
		id,
		date,
		measure,
		unit,
		values,
		...(isString(qualifier) ? { qualifier } : {}),
		...(isString(note) ? { note } : {}),
		...(isString(by) ? { by } : {}),
		...(isFiniteNumber(recordedAt) ? { recordedAt } : {})
	};
}

/** Every well-formed measurement, oldest date first (ties in the order they were added). */
export function readMeasurements(doc: Y.Doc): Measurement[] {
	const list: Measurement[] = [];
	for (const entry of measurementsArray(doc)) {
		if (!(entry instanceof Y.Map)) continue;
		const parsed = parseMeasurement(entry);
		if (parsed) list.push(parsed);
	}
	return list
		.map((measurement, order) => ({ measurement, order }))
		.sort((a, b) => a.measurement.date.localeCompare(b.measurement.date) || a.order - b.order)
		.map(({ measurement }) => measurement);
}

export function addCustomMeasure(doc: Y.Doc, custom: CustomMeasure): void {
	customMeasuresMap(doc).set(custom.id, { ...custom });
}

function parseCustom(raw: unknown): CustomMeasure | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const record = raw as Record<string, unknown>;
	const { id, label, unit, min, max, decimals, direction } = record;
	if (!isString(id) || !isString(label) || !isString(unit)) return undefined;
	if (!isFiniteNumber(min) || !isFiniteNumber(max) || !isFiniteNumber(decimals)) return undefined;
	if (direction !== 'higher' && direction !== 'lower' && direction !== 'none') return undefined;
	return { id, label, unit, min, max, decimals, direction };
}

export function readCustomMeasures(doc: Y.Doc): CustomMeasure[] {
	const list: CustomMeasure[] = [];
	for (const raw of customMeasuresMap(doc).values()) {
		const parsed = parseCustom(raw);
		if (parsed) list.push(parsed);
	}
	return list.sort((a, b) => a.label.localeCompare(b.label));
}

const REFERENCE_SEX = 'referenceSex';

/** The sex used to pick published norms (chair stand, grip, waist); unset until the trainer chooses. */
export function readReferenceSex(doc: Y.Doc): Sex | undefined {
	const value = settingsMap(doc).get(REFERENCE_SEX);
	return value === 'female' || value === 'male' ? value : undefined;
}

export function setReferenceSex(doc: Y.Doc, sex: Sex | undefined): void {
	if (sex) settingsMap(doc).set(REFERENCE_SEX, sex);
	else settingsMap(doc).delete(REFERENCE_SEX);
}

/**
 * Copies measurements, custom measures and settings from earlier documents into a new one, so a
 * report starts with the baseline recorded before it. Entries keep their ids: copying again from
 * a document that was itself seeded this way adds nothing twice.
 */
export function copyMeasures(sources: Y.Doc[], target: Y.Doc): number {
	const seen = new Set(readMeasurements(target).map((measurement) => measurement.id));
	const incoming: Measurement[] = [];
	target.transact(() => {
		for (const source of sources) {
			for (const custom of readCustomMeasures(source)) {
				if (!customMeasuresMap(target).has(custom.id)) addCustomMeasure(target, custom);
			}
			const sex = readReferenceSex(source);
			if (sex && !readReferenceSex(target)) setReferenceSex(target, sex);
			for (const measurement of readMeasurements(source)) {
				if (seen.has(measurement.id)) continue;
				seen.add(measurement.id);
				incoming.push(measurement);
			}
		}
		incoming.sort((a, b) => a.date.localeCompare(b.date));
		measurementsArray(target).push(incoming.map(entryOf));
	});
	return incoming.length;
}
