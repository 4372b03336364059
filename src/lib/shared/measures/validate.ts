import type { Component, Direction, MeasureDefinition, UnitSpec } from './catalogue.ts';
import type { MeasureCatalogue } from './definitions.ts';
import { sides, type CustomMeasure, type Measurement } from './types.ts';

/**
 * Checks what a person typed before anything is written to the shared document: a bad value gets
 * a message for its own field and is not stored. Pure, so the same rules can run anywhere.
 */

export interface MeasurementInput {
	date: string;
	measure: string;
	unit: string;
	/** Component key → the text typed. */
	values: Record<string, string>;
	qualifier?: string;
	note?: string;
}

/** Field → message. Value fields are keyed `value.<component>`. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^[+-]?\d+(?:[.,](\d+))?$/;
const EARLIEST_DATE = '1900-01-01';
const MAX_NOTE = 300;
const MAX_QUALIFIER = 80;

export function isRealIsoDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Today as YYYY-MM-DD in the local calendar, which is the one people date measures by. */
export function localToday(now: Date = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function formatNumber(value: number): string {
	return String(value).replace('-', '−');
}

/** Reads "72.5" or "72,5"; anything else is refused rather than guessed at. */
export function parseDecimal(text: string): { value: number; decimals: number } | undefined {
	const trimmed = text.trim().replace('−', '-');
	const match = NUMBER.exec(trimmed);
	if (!match) return undefined;
	const value = Number(trimmed.replace(',', '.'));
	return Number.isFinite(value) ? { value, decimals: match[1]?.length ?? 0 } : undefined;
}

function checkValue(text: string | undefined, component: Component, unit: UnitSpec, measure: MeasureDefinition): number | string {
	const name = measure.components.length > 1 ? component.label : measure.label;
	if (text === undefined || text.trim() === '') return `Enter the ${name.toLowerCase()} value.`;
	const parsed = parseDecimal(text);
	if (!parsed) return `${name} must be a number, such as ${formatNumber(unit.min + (unit.decimals > 0 ? 0.5 : 1))}.`;
	if (parsed.decimals > unit.decimals) {
		return unit.decimals === 0
			? `${name} is recorded in whole ${unit.label === '/10' ? 'points' : unit.label}.`
			: `${name} takes at most ${unit.decimals} decimal place${unit.decimals === 1 ? '' : 's'}.`;
	}
	const min = component.min ?? unit.min;
	const max = component.max ?? unit.max;
	if (parsed.value < min || parsed.value > max) {
		return `${name} must be between ${formatNumber(min)} and ${formatNumber(max)} ${unit.label}; check the value and the unit.`;
	}
	return parsed.value;
}

export function validateMeasurement(
	input: MeasurementInput,
	catalogue: MeasureCatalogue,
	today: string
): Validated<Omit<Measurement, 'id' | 'by' | 'recordedAt'>> {
	const errors: FieldErrors = {};
	const date = input.date.trim();
	if (!isRealIsoDate(date)) errors.date = 'Enter the date the measure was taken, such as 2026-03-14.';
	else if (date > today) errors.date = 'A measure cannot be dated in the future.';
	else if (date < EARLIEST_DATE) errors.date = 'Enter a date after 1900.';

	const measure = catalogue.get(input.measure);
	if (!measure) return { ok: false, errors: { ...errors, measure: 'Choose a measure from the list.' } };

	const unit = measure.units.find((candidate) => candidate.id === input.unit);
	if (!unit) errors.unit = `Choose a unit for ${measure.label.toLowerCase()}: ${measure.units.map((u) => u.label).join(' or ')}.`;

	const values: Record<string, number> = {};
	if (unit) {
		for (const component of measure.components) {
			const checked = checkValue(input.values[component.key], component, unit, measure);
			if (typeof checked === 'string') errors[`value.${component.key}`] = checked;
			else values[component.key] = checked;
		}
		const { systolic, diastolic } = values;
		if (measure.id === 'blood_pressure' && systolic !== undefined && diastolic !== undefined && diastolic >= systolic) {
			errors['value.diastolic'] = 'Diastolic must be lower than systolic; check whether the two were swapped.';
		}
	}

	const qualifier = input.qualifier?.trim() ?? '';
	if (measure.qualifier?.kind === 'side') {
		if (!(sides as readonly string[]).includes(qualifier)) errors.qualifier = 'Choose the side measured.';
	} else if (measure.qualifier?.kind === 'text') {
		if (measure.qualifier.required && qualifier === '') {
			errors.qualifier = `Enter the ${measure.qualifier.label.toLowerCase()}: ${measure.qualifier.hint}`;
		} else if (qualifier.length > MAX_QUALIFIER) {
			errors.qualifier = `Keep the ${measure.qualifier.label.toLowerCase()} under ${MAX_QUALIFIER} characters.`;
		}
	}

	const note = input.note?.trim() ?? '';
	if (note.length > MAX_NOTE) errors.note = `A note can be at most ${MAX_NOTE} characters.`;

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			date,
			measure: measure.id,
			unit: input.unit,
			values,
			...(measure.qualifier && qualifier ? { qualifier } : {}),
			...(note ? { note } : {})
		}
	};
}

export interface CustomMeasureInput {
	label: string;
	unit: string;
	min: string;
	max: string;
	decimals: string;
	direction: string;
}

const directions: Direction[] = ['higher', 'lower', 'none'];

export function validateCustomMeasure(input: CustomMeasureInput, catalogue: MeasureCatalogue): Validated<Omit<CustomMeasure, 'id'>> {
	const errors: FieldErrors = {};
	const label = input.label.trim().replace(/\s+/g, ' ');
	if (label.length < 2 || label.length > 60) errors.label = 'Name the measure in 2 to 60 characters.';
	else if (catalogue.all.some((measure) => measure.label.toLowerCase() === label.toLowerCase())) {
		errors.label = `There is already a measure called “${label}”.`;
	}
	const unit = input.unit.trim();
	if (unit.length < 1 || unit.length > 15) errors.unit = 'Give the unit in 1 to 15 characters, e.g. steps or cm.';

	const decimals = Number(input.decimals);
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 3) errors.decimals = 'Decimal places must be 0, 1, 2 or 3.';
	const min = parseDecimal(input.min);
	const max = parseDecimal(input.max);
	if (!min) errors.min = 'Enter the lowest plausible value as a number.';
	if (!max) errors.max = 'Enter the highest plausible value as a number.';
	if (min && max && min.value >= max.value) errors.max = 'The highest value must be greater than the lowest.';

	const direction = directions.find((candidate) => candidate === input.direction);
	if (!direction) errors.direction = 'Choose which way is better.';

	if (Object.keys(errors).length > 0 || !min || !max || !direction) return { ok: false, errors };
	return {
		ok: true,
		value: {
			label,
			unit,
			min: min.value,
			max: max.value,
			decimals,
			direction
		}
	};
}
