import { formatValue, summarise, type ClientFacts, type SeriesSummary } from './analysis.ts';
import type { Source } from './catalogue.ts';
import { MeasureCatalogue } from './definitions.ts';
import type { FormatContext } from '../format.ts';
import { formatDay, signed } from './format.ts';
import type { CustomMeasure, Measurement } from './types.ts';

/**
 * The change-from-baseline table as plain text cells, for renderers that are not Svelte (the PDF).
 * Same rules as OutcomeReport.svelte: baseline, latest, change with direction, published cut-offs
 * numbered against their sources.
 */

export interface SummaryTable {
	header: string[];
	rows: string[][];
	sources: Source[];
}

export function changeText(row: SeriesSummary): string {
	if (row.series.points.length < 2) return 'Baseline only';
	if (row.change === 0) return 'No change';
	const amount = formatValue(Math.abs(row.change), row.series.unit);
	const percent = row.percent !== undefined ? ` (${signed(row.percent, 0)}%)` : '';
	const trend = row.trend === 'better' || row.trend === 'worse' ? `, ${row.trend}` : '';
	return `${row.change > 0 ? '+' : '−'}${amount}${percent}${trend}`;
}

/** `format`: the practice's, for the dates beside each value. */
export function summaryTable(measurements: Measurement[], customs: CustomMeasure[], facts: ClientFacts, format: FormatContext): SummaryTable {
	const sources: Source[] = [];
	const cite = (source: Source) => {
		if (!sources.includes(source)) sources.push(source);
		return `[${sources.indexOf(source) + 1}]`;
	};
	const rows = summarise(new MeasureCatalogue(customs), measurements, facts).flatMap((summary) =>
		summary.series.map((row) => {
			const name = row.series.label === summary.measure.label ? summary.measure.label : `${summary.measure.label}, ${row.series.label}`;
			const mcid = summary.measure.meaningfulChange;
			const meaningful = row.meaningful && mcid ? `; reaches the ${mcid.label} ${cite(mcid.source)}` : '';
			const references = row.thresholds
				.map((resolved) => `${row.flags.includes(resolved) ? 'In range: ' : ''}${resolved.label} ${cite(resolved.threshold.source)}`)
				.join('\n');
			return [
				name,
				`${formatValue(row.baseline.value, row.series.unit)} (${formatDay(row.baseline.date, format)})`,
				`${formatValue(row.latest.value, row.series.unit)} (${formatDay(row.latest.date, format)})`,
				`${changeText(row)}${meaningful}`,
				references || '—'
			];
		})
	);
	return { header: ['Measure', 'Baseline', 'Latest', 'Change', 'Reference'], rows, sources };
}
