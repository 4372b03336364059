import { builtinMeasures, type MeasureDefinition } from './catalogue.ts';
import type { CustomMeasure } from './types.ts';

export const CUSTOM_PREFIX = 'custom:';

export function customDefinition(custom: CustomMeasure): MeasureDefinition {
	return {
		id: custom.id,
		label: custom.label,
		domain: 'custom',
		components: [{ key: 'value', label: custom.label }],
		units: [{ id: custom.unit, label: custom.unit, min: custom.min, max: custom.max, decimals: custom.decimals }],
		direction: custom.direction,
		protocol: 'Defined by the trainer.',
		thresholds: [],
		custom: true
	};
}

/** Built-in measures followed by the document's own, looked up by id. */
export class MeasureCatalogue {
	readonly all: MeasureDefinition[];
	readonly #byId: Map<string, MeasureDefinition>;

	constructor(customs: CustomMeasure[] = []) {
		this.all = [...builtinMeasures, ...customs.map(customDefinition)];
		this.#byId = new Map(this.all.map((measure) => [measure.id, measure]));
	}

	get(id: string): MeasureDefinition | undefined {
		return this.#byId.get(id);
	}
}
