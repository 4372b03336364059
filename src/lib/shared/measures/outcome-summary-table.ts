import { formatValue } from './analysis.ts';
import { formatNumber, type FormatContext } from '../format.ts';
import type { GroupName, MeasureOutcome, OutcomeGroup, OutcomeSummary } from './outcome-summary.ts';

/**
 * The outcome summary as plain text cells, for what is not Svelte: the one-page PDF and the table
 * inserted into a service overview or a Lunch & Learn. These leave the practice, so a suppressed
 * condition group is left out altogether (its name alone would say someone has it); the trainer's
 * own page lists them as suppressed.
 */

export interface OutcomeTable {
	header: string[];
	rows: string[][];
	/** What the reader needs to read the table honestly: group size, suppression, sources. */
	notes: string[];
}

export function groupLabel(name: GroupName): string {
	return name.kind === 'all' ? 'All clients' : name.tag;
}

/** What the text of a cell needs of a measure: the page has it as plain data, without the definition. */
export type OutcomeShape = Pick<MeasureOutcome, 'unit' | 'direction' | 'mid'>;

export function medianText(outcome: OutcomeShape, median: number): string {
	const rounded = Number(median.toFixed(outcome.unit.decimals));
	if (rounded === 0) return 'No change';
	const amount = formatValue(Math.abs(rounded), outcome.unit);
	const way = outcome.direction === 'none' ? '' : rounded > 0 === (outcome.direction === 'higher') ? ', better' : ', worse';
	return `${rounded > 0 ? '+' : '−'}${amount}${way}`;
}

export function reachedText(outcome: OutcomeShape, group: Extract<OutcomeGroup, { shown: true }>, format: FormatContext): string {
	if (group.reached === undefined || outcome.mid === undefined) return 'No published difference';
	const share = formatNumber(group.reached / group.n, format, { style: 'percent', maximumFractionDigits: 0 });
	return `${formatNumber(group.reached, format)} of ${formatNumber(group.n, format)} (${share})`;
}

export function outcomeTable(summary: OutcomeSummary, format: FormatContext): OutcomeTable {
	const rows: string[][] = [];
	let leftOut = 0;
	const sources = new Set<string>();
	for (const outcome of summary.measures) {
		for (const group of outcome.groups) {
			if (!group.shown) {
				leftOut += 1;
				continue;
			}
			const mid = outcome.measure.meaningfulChange;
			if (mid)
				sources.add(`${outcome.measure.label}: ${mid.label} ${formatValue(outcome.mid ?? mid.value, outcome.unit, { trim: true })}. ${mid.source.citation}`);
			rows.push([outcome.label, groupLabel(group.name), formatNumber(group.n, format), medianText(outcome, group.median), reachedText(outcome, group, format)]);
		}
	}
	const notes = [
		`Change is each client's latest value against their first. Groups of fewer than ${summary.minimumGroup} clients are not shown, nor any group from which one could be worked out.`,
		...(leftOut > 0 ? [`${formatNumber(leftOut, format)} ${leftOut === 1 ? 'group was' : 'groups were'} left out for that reason.`] : []),
		...sources
	];
	return { header: ['Measure', 'Group', 'Clients', 'Median change', 'Reached the minimal important difference'], rows, notes };
}
