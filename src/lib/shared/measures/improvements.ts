import { formatCalendarDate, formatNumber, type FormatContext } from '../format.ts';
import { isFlagged, qualifierLabel, summarise, thresholdsFor, type ClientFacts, type Point, type ResolvedThreshold, type SeriesSummary } from './analysis.ts';
import { convert, type MeasureDefinition, type Source, type ThresholdFlag, type UnitSpec } from './catalogue.ts';
import { MeasureCatalogue } from './definitions.ts';
import type { CustomMeasure, Measurement } from './types.ts';

/**
 * Which of a client's measures improved enough to be worth a provider's attention (issue 19.2):
 * better by at least the published minimal important difference, or back on the healthy side of a
 * published cut-off that the baseline was on the wrong side of. Only what the catalogue backs with
 * a source counts: a measure without a meaningful change and without cut-offs (custom measures,
 * weight, range of motion) never says anything, and neither does a measure whose direction is
 * "none".
 *
 * Baseline and latest are the first and last value of each series (one per component and side or
 * activity), as the report's change-from-baseline table reads them (`summarise` in analysis.ts).
 */

export interface BackInRange {
	/** The cut-off the baseline was past and the latest value is back within, resolved for this client. */
	threshold: ResolvedThreshold;
	source: Source;
}

export interface ReachedChange {
	/** The meaningful change in the series' unit. */
	value: number;
	label: string;
	source: Source;
}

export interface Improvement {
	/**
	 * Stable across new values: measure, component, side or activity, and why it counts. A trainer
	 * who dismisses "back below 130" is not asked again about it, but is told if the same measure
	 * later crosses into range after only a meaningful change was dismissed.
	 */
	key: string;
	measure: MeasureDefinition;
	/** "Systolic blood pressure", "Grip strength, left", "6-minute walk distance". */
	label: string;
	unit: UnitSpec;
	baseline: Point;
	latest: Point;
	/** latest − baseline in the series' unit, already better (lower or higher as the measure wants). */
	change: number;
	reached?: ReachedChange;
	backInRange?: BackInRange;
}

/** The same measurement copied into several documents (a report carries its baseline) counts once. */
export function mergeMeasurements(lists: Measurement[][]): Measurement[] {
	const byId = new Map<string, Measurement>();
	for (const list of lists) for (const measurement of list) if (!byId.has(measurement.id)) byId.set(measurement.id, measurement);
	return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Custom definitions by id, first one wins: a copied definition is the same definition. */
export function mergeCustomMeasures(lists: CustomMeasure[][]): CustomMeasure[] {
	const byId = new Map<string, CustomMeasure>();
	for (const list of lists) for (const custom of list) if (!byId.has(custom.id)) byId.set(custom.id, custom);
	return [...byId.values()];
}

function seriesLabel(measure: MeasureDefinition, row: SeriesSummary): string {
	const component = measure.components.length > 1 ? row.series.component.label : undefined;
	const name = component ? `${component} ${measure.label.charAt(0).toLowerCase()}${measure.label.slice(1)}` : measure.label;
	const qualifier = qualifierLabel(measure, row.series.qualifier);
	return qualifier ? `${name}, ${qualifier.charAt(0).toLowerCase()}${qualifier.slice(1)}` : name;
}

/** The cut-off the baseline was past and nothing now is: the one nearest the latest value names it. */
function backInRangeOf(measure: MeasureDefinition, row: SeriesSummary, facts: ClientFacts): BackInRange | undefined {
	const atBaseline = thresholdsFor(measure, row.series, facts, row.baseline.date).filter((resolved) => isFlagged(resolved, row.baseline.value));
	if (atBaseline.length === 0) return undefined;
	const atLatest = thresholdsFor(measure, row.series, facts, row.latest.date);
	if (atLatest.length === 0 || atLatest.some((resolved) => isFlagged(resolved, row.latest.value))) return undefined;
	const crossed = atLatest
		.filter((resolved) => atBaseline.some((before) => before.threshold.id === resolved.threshold.id))
		.sort((a, b) => Math.abs(a.value - row.latest.value) - Math.abs(b.value - row.latest.value))[0];
	return crossed && { threshold: crossed, source: crossed.threshold.source };
}

function reachedOf(measure: MeasureDefinition, row: SeriesSummary): ReachedChange | undefined {
	const mcid = measure.meaningfulChange;
	if (!mcid) return undefined;
	const value = convert(measure, mcid.value, mcid.unit, row.series.unit.id);
	if (value === undefined || Math.abs(row.change) < value - 1e-9) return undefined;
	return { value, label: mcid.label, source: mcid.source };
}

/** Every improvement worth naming, in the order a provider reads (function first). */
export function improvementsOf(measurements: Measurement[], customs: CustomMeasure[], facts: ClientFacts): Improvement[] {
	const found: Improvement[] = [];
	for (const summary of summarise(new MeasureCatalogue(customs), measurements, facts)) {
		const measure = summary.measure;
		if (measure.custom || measure.direction === 'none') continue;
		for (const row of summary.series) {
			if (row.series.points.length < 2 || row.trend !== 'better') continue;
			const backInRange = backInRangeOf(measure, row, facts);
			const reached = reachedOf(measure, row);
			if (!backInRange && !reached) continue;
			const where = [measure.id, row.series.component.key, row.series.qualifier ?? ''].join('|');
			found.push({
				key: `${where}|${backInRange ? `range:${backInRange.threshold.threshold.id}` : 'change'}`,
				measure,
				label: seriesLabel(measure, row),
				unit: row.series.unit,
				baseline: row.baseline,
				latest: row.latest,
				change: row.change,
				...(reached ? { reached } : {}),
				...(backInRange ? { backInRange } : {})
			});
		}
	}
	return found;
}

/** "18 mmHg", "3 points", "0.15 m/s", "20°", in the practice's locale. */
export function amountText(value: number, unit: UnitSpec, format: FormatContext): string {
	const number = formatNumber(value, format, { maximumFractionDigits: unit.decimals });
	if (unit.label === '/10' || unit.label === '0–10') return `${number} ${value === 1 ? 'point' : 'points'}`;
	if (unit.label === '°') return `${number}°`;
	if (unit.label.includes(' ')) return number;
	return `${number} ${unit.label}`;
}

/** Which side of the cut-off is healthy, worded from the flagged side. */
const backWithin: Record<ThresholdFlag, string> = {
	atOrAbove: 'back below',
	above: 'back at or below',
	below: 'back at or above',
	atOrBelow: 'back above'
};

/** "3 Oct", or "3 Oct 2025" when the latest value is in another year. */
function sinceText(improvement: Improvement, format: FormatContext): string {
	const sameYear = improvement.baseline.date.slice(0, 4) === improvement.latest.date.slice(0, 4);
	return formatCalendarDate(improvement.baseline.date, format, sameYear ? 'day-month' : 'medium');
}

/** "Systolic blood pressure down 18 mmHg since 3 Oct, back below 130 mmHg". */
export function improvementText(improvement: Improvement, format: FormatContext): string {
	const verb = improvement.change < 0 ? 'down' : 'up';
	const parts = [`${improvement.label} ${verb} ${amountText(Math.abs(improvement.change), improvement.unit, format)} since ${sinceText(improvement, format)}`];
	const range = improvement.backInRange;
	if (range) parts.push(`${backWithin[range.threshold.threshold.flag]} ${amountText(range.threshold.value, improvement.unit, format)}`);
	else if (improvement.reached) parts.push(`reaching the ${improvement.reached.label} (${amountText(improvement.reached.value, improvement.unit, format)})`);
	return parts.join(', ');
}

/** The sources behind the sentence, for the provider's report and for the trainer who asks why. */
export function improvementSources(improvement: Improvement): Source[] {
	const sources = [improvement.backInRange?.source, improvement.reached?.source].filter((source): source is Source => source !== undefined);
	return sources.filter((source, index) => sources.indexOf(source) === index);
}
