import type * as Y from 'yjs';
import type { Sex } from './catalogue.ts';
import { MeasureCatalogue } from './definitions.ts';
import { customMeasuresMap, measurementsArray, readCustomMeasures, readMeasurements, readReferenceSex, settingsMap } from './store.ts';
import type { CustomMeasure, Measurement } from './types.ts';

/**
 * Reactive reading of a document's measures for components: it follows the Y.Doc (local edits,
 * IndexedDB, other peers) and exposes plain arrays. Writing goes through store.ts.
 */
export class MeasuresModel {
	measurements = $state<Measurement[]>([]);
	customs = $state<CustomMeasure[]>([]);
	sex = $state<Sex | undefined>(undefined);
	readonly catalogue = $derived(new MeasureCatalogue(this.customs));

	readonly #doc: Y.Doc;
	readonly #refresh = () => this.refresh();

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.refresh();
		measurementsArray(doc).observeDeep(this.#refresh);
		customMeasuresMap(doc).observe(this.#refresh);
		settingsMap(doc).observe(this.#refresh);
	}

	refresh(): void {
		this.measurements = readMeasurements(this.#doc);
		this.customs = readCustomMeasures(this.#doc);
		this.sex = readReferenceSex(this.#doc);
	}

	destroy(): void {
		measurementsArray(this.#doc).unobserveDeep(this.#refresh);
		customMeasuresMap(this.#doc).unobserve(this.#refresh);
		settingsMap(this.#doc).unobserve(this.#refresh);
	}
}
