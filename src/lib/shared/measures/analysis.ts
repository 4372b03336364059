import { convert, domainLabels, type Component, type MeasureDefinition, type MeasureDomain, type Sex, type Threshold, type UnitSpec } from './catalogue.ts';
import type { MeasureCatalogue } from './definitions.ts';
import { sideLabels, type Measurement } from './types.ts';

/**
 * Turns stored measurements into what a chart and a provider's report show: one series per
 * component and side (or activity), values in one unit, change from baseline, and the published
 * cut-offs that apply to this client.
 */

export interface Point {
	id: string;
	date: string;
	value: number;
	note?: string;
}

export interface Series {
	key: string;
	label: string;
	component: Component;
	qualifier?: string;
	unit: UnitSpec;
	points: Point[];
}

export interface ClientFacts {
	dateOfBirth?: string | null;
	sex?: Sex;
}

export interface ResolvedThreshold {
	threshold: Threshold;
	/** The cut-off in the series' unit. */
	value: number;
	label: string;
	chartLabel: string;
}

export type Trend = 'better' | 'worse' | 'unchanged' | 'changed';

export interface SeriesSummary {
	series: Series;
	baseline: Point;
	latest: Point;
	change: number;
	percent: number | undefined;
	trend: Trend;
	/** Whether the change reaches the published meaningful change, when one exists. */
	meaningful: boolean | undefined;
	/** Cut-offs the latest value falls on the flagged side of. */
	flags: ResolvedThreshold[];
	thresholds: ResolvedThreshold[];
}

export interface MeasureSummary {
	measure: MeasureDefinition;
	series: SeriesSummary[];
}

const sideLabel: Record<string, string> = sideLabels;

export function qualifierLabel(measure: MeasureDefinition, qualifier: string | undefined): string | undefined {
	if (!qualifier) return undefined;
	if (measure.qualifier?.kind === 'side') return sideLabel[qualifier] ?? qualifier;
	return qualifier;
}

function calendarDate(iso: string): { year: number; month: number; day: number } | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) return undefined;
	return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Whole years between a birth date and a measurement date, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string | null | undefined, date: string): number | undefined {
	const birth = dateOfBirth ? calendarDate(dateOfBirth) : undefined;
	const on = calendarDate(date);
	if (!birth || !on) return undefined;
	let age = on.year - birth.year;
	if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
	return age >= 0 ? age : undefined;
}

export function resolveThreshold(
	measure: MeasureDefinition,
	threshold: Threshold,
	unit: UnitSpec,
	facts: ClientFacts,
	date: string
): ResolvedThreshold | undefined {
	const age = ageOn(facts.dateOfBirth, date);
	const row = threshold.rows.find((candidate) => {
		if (candidate.sex && candidate.sex !== facts.sex) return false;
		if (candidate.ageFrom !== undefined || candidate.ageTo !== undefined) {
			if (age === undefined) return false;
			if (candidate.ageFrom !== undefined && age < candidate.ageFrom) return false;
			if (candidate.ageTo !== undefined && age > candidate.ageTo) return false;
		}
		return true;
	});
	if (!row) return undefined;
	const value = convert(measure, row.value, threshold.unit, unit.id);
	if (value === undefined) return undefined;
	const rounded = Number(value.toFixed(unit.decimals));
	const shown = formatValue(rounded, unit, { trim: true });
	return {
		threshold,
		value: rounded,
		label: threshold.label.replace('{value}', shown),
		chartLabel: (threshold.chartLabel ?? threshold.label).replace('{value}', shown)
	};
}

export function isFlagged(resolved: ResolvedThreshold, value: number): boolean {
	switch (resolved.threshold.flag) {
		case 'below':
			return value < resolved.value;
		case 'atOrBelow':
			return value <= resolved.value;
		case 'above':
			return value > resolved.value;
		case 'atOrAbove':
			return value >= resolved.value;
	}
}

/** Which published cut-offs need facts we do not have (age, sex), so the view can ask for them. */
export function missingFacts(measure: MeasureDefinition, facts: ClientFacts): Array<'sex' | 'age'> {
	const missing = new Set<'sex' | 'age'>();
	for (const threshold of measure.thresholds) {
		if (threshold.rows.some((row) => row.sex) && !facts.sex) missing.add('sex');
		if (threshold.rows.some((row) => row.ageFrom !== undefined) && !facts.dateOfBirth) missing.add('age');
	}
	return [...missing];
}

/** "12.5 s", "7/10", "110°"; `trim` drops zeros a cut-off does not need ("12 s", not "12.0 s"). */
export function formatValue(value: number, unit: UnitSpec, options: { trim?: boolean } = {}): string {
	const fixed = value.toFixed(unit.decimals);
	const text = (options.trim ? String(Number(fixed)) : fixed).replace('-', '−');
	if (unit.label === '/10') return `${text}/10`;
	if (unit.label === '°') return `${text}°`;
	if (unit.label === '0–10' || unit.label.includes(' ')) return text;
	return `${text} ${unit.label}`;
}

/** The series of one measure: per component, per side or activity, and per scale. */
export function buildSeries(measure: MeasureDefinition, measurements: Measurement[]): Series[] {
	const own = measurements.filter((measurement) => measurement.measure === measure.id).sort((a, b) => a.date.localeCompare(b.date));
	if (own.length === 0) return [];
	const latestUnit = own.at(-1)?.unit;
	const series = new Map<string, Series>();
	for (const measurement of own) {
		// One display unit per measure (the latest used); a different scale (RPE) keeps its own series.
		const convertible = latestUnit !== undefined && convert(measure, 1, measurement.unit, latestUnit) !== undefined;
		const unitId = convertible && latestUnit ? latestUnit : measurement.unit;
		const unit = measure.units.find((candidate) => candidate.id === unitId);
		if (!unit) continue;
		for (const component of measure.components) {
			const raw = measurement.values[component.key];
			if (raw === undefined) continue;
			const value = convert(measure, raw, measurement.unit, unit.id);
			if (value === undefined) continue;
			const key = [component.key, measurement.qualifier ?? '', unit.id].join('|');
			let current = series.get(key);
			if (!current) {
				const parts = [
					measure.components.length > 1 ? component.label : undefined,
					qualifierLabel(measure, measurement.qualifier),
					unitId !== latestUnit ? unit.label : undefined
				].filter((part): part is string => !!part);
				current = { key, label: parts.join(', ') || measure.label, component, qualifier: measurement.qualifier, unit, points: [] };
				series.set(key, current);
			}
			current.points.push({
				id: measurement.id,
				date: measurement.date,
				value: Number(value.toFixed(unit.decimals)),
				...(measurement.note ? { note: measurement.note } : {})
			});
		}
	}
	return [...series.values()];
}

export function thresholdsFor(measure: MeasureDefinition, series: Series, facts: ClientFacts, date: string): ResolvedThreshold[] {
	return measure.thresholds
		.filter((threshold) => (threshold.component ?? measure.components[0]?.key) === series.component.key)
		.map((threshold) => resolveThreshold(measure, threshold, series.unit, facts, date))
		.filter((resolved): resolved is ResolvedThreshold => resolved !== undefined);
}

function trendOf(measure: MeasureDefinition, change: number): Trend {
	if (change === 0) return 'unchanged';
	if (measure.direction === 'none') return 'changed';
	return change > 0 === (measure.direction === 'higher') ? 'better' : 'worse';
}

export function summariseSeries(measure: MeasureDefinition, series: Series, facts: ClientFacts): SeriesSummary | undefined {
	const baseline = series.points[0];
	const latest = series.points.at(-1);
	if (!baseline || !latest) return undefined;
	const change = Number((latest.value - baseline.value).toFixed(series.unit.decimals));
	const percent = baseline.value !== 0 ? (change / Math.abs(baseline.value)) * 100 : undefined;
	const mcid = measure.meaningfulChange;
	const mcidValue = mcid ? convert(measure, mcid.value, mcid.unit, series.unit.id) : undefined;
	const thresholds = thresholdsFor(measure, series, facts, latest.date);
	return {
		series,
		baseline,
		latest,
		change,
		percent,
		trend: trendOf(measure, change),
		meaningful: mcidValue === undefined || series.points.length < 2 ? undefined : Math.abs(change) >= mcidValue - 1e-9,
		flags: thresholds.filter((resolved) => isFlagged(resolved, latest.value)),
		thresholds
	};
}

const domainOrder = Object.keys(domainLabels) as MeasureDomain[];

/** Every measure with data, grouped in the order a provider reads, each with its series summarised. */
export function summarise(catalogue: MeasureCatalogue, measurements: Measurement[], facts: ClientFacts): MeasureSummary[] {
	const used = new Set(measurements.map((measurement) => measurement.measure));
	return catalogue.all
		.filter((measure) => used.has(measure.id))
		.sort((a, b) => domainOrder.indexOf(a.domain) - domainOrder.indexOf(b.domain))
		.map((measure) => ({
			measure,
			series: buildSeries(measure, measurements)
				.map((series) => summariseSeries(measure, series, facts))
				.filter((summary): summary is SeriesSummary => summary !== undefined)
		}))
		.filter((summary) => summary.series.length > 0);
}
