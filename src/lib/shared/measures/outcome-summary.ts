import { buildSeries } from './analysis.ts';
import { builtinMeasures, convert, type Component, type Direction, type MeasureDefinition, type UnitSpec } from './catalogue.ts';
import type { Measurement } from './types.ts';

/**
 * A practice's outcomes across its clients, for the service overview and the Lunch & Learn: per
 * measure, and per condition tag, how many clients have a baseline and a later value, the median
 * change and how many improved by at least the published minimal important difference.
 *
 * Nobody may be recognisable from it. A group of fewer than MINIMUM_GROUP clients is suppressed,
 * and so is any further group whose showing would let a reader work out a suppressed one by
 * subtraction (complementary suppression, below). Pure: the server gathers the clients, this counts.
 */

export const MINIMUM_GROUP = 5;

/** One client's data as the summary needs it: an opaque key (never shown), condition tags, measures. */
export interface ClientOutcomeInput {
	key: string;
	conditions: string[];
	measurements: Measurement[];
}

/** One client's change on one measure component, in the measure's first unit. */
export interface ClientChange {
	key: string;
	change: number;
	/** Improved by at least the minimal important difference, in the better direction. */
	reached: boolean | undefined;
}

export type GroupName = { kind: 'all' } | { kind: 'condition'; tag: string };

export type OutcomeGroup =
	| { name: GroupName; shown: true; n: number; median: number; reached: number | undefined }
	| { name: GroupName; shown: false; reason: 'small' | 'complementary' };

export interface MeasureOutcome {
	measure: MeasureDefinition;
	component: Component;
	/** "Blood pressure, Systolic" where the measure has several components. */
	label: string;
	unit: UnitSpec;
	direction: Direction;
	/** The minimal important difference in `unit`, when the catalogue has one. */
	mid: number | undefined;
	groups: OutcomeGroup[];
}

export interface OutcomeSummary {
	measures: MeasureOutcome[];
	minimumGroup: number;
}

export function median(values: number[]): number {
	if (values.length === 0) throw new Error('the median of nothing');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Whether a change is an improvement that reaches the difference; undefined without a difference or a direction. */
export function reachesDifference(direction: Direction, change: number, mid: number | undefined): boolean | undefined {
	if (mid === undefined || direction === 'none') return undefined;
	const better = direction === 'higher' ? change : -change;
	return better >= mid - 1e-9;
}

/**
 * Trims, collapses spaces and drops duplicates regardless of case, keeping the first spelling:
 * "hypertension" and "Hypertension " are one group.
 */
export function normaliseConditions(tags: Iterable<string>): string[] {
	const seen = new Map<string, string>();
	for (const raw of tags) {
		const tag = raw.trim().replace(/\s+/g, ' ');
		if (tag && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
	}
	return [...seen.values()];
}

/**
 * A client's change per component of one measure: latest minus first value, in the measure's first
 * unit; where there are several series (left and right, PSFS activities) the mean of their changes,
 * as the PSFS score is the mean of its activities. Series of another scale (Borg against CR10) and
 * series with a single value are left out.
 */
export function clientChanges(measure: MeasureDefinition, measurements: Measurement[]): Map<string, number> {
	const base = measure.units[0];
	const byComponent = new Map<string, number[]>();
	if (!base) return new Map();
	for (const series of buildSeries(measure, measurements)) {
		const first = series.points[0];
		const last = series.points.at(-1);
		if (!first || !last || series.points.length < 2) continue;
		const change = convert(measure, last.value - first.value, series.unit.id, base.id);
		if (change === undefined) continue;
		const list = byComponent.get(series.component.key) ?? [];
		list.push(change);
		byComponent.set(series.component.key, list);
	}
	return new Map([...byComponent].map(([key, changes]) => [key, changes.reduce((sum, value) => sum + value, 0) / changes.length]));
}

function showGroup(name: GroupName, changes: ClientChange[]): OutcomeGroup {
	const reachedKnown = changes.every((change) => change.reached !== undefined);
	return {
		name,
		shown: true,
		n: changes.length,
		median: median(changes.map((change) => change.change)),
		reached: reachedKnown ? changes.filter((change) => change.reached).length : undefined
	};
}

/**
 * Which condition groups to suppress beyond the small ones. A reader who has the total and the
 * groups shown can subtract: when groups do not overlap, total minus the shown groups describes
 * exactly the clients in no shown group (the suppressed groups and the untagged). That remainder
 * must therefore be empty or itself at least `minimum` clients; while it is not, the smallest group
 * still shown is suppressed too (the classic "second cell" rule, applied until it holds).
 * Returns the tags to suppress, small ones included.
 */
export function suppressedTags(total: Set<string>, groups: Map<string, Set<string>>, minimum: number = MINIMUM_GROUP): Set<string> {
	const suppressed = new Set([...groups].filter(([, members]) => members.size < minimum).map(([tag]) => tag));
	if (total.size < minimum) return new Set(groups.keys());
	for (;;) {
		const covered = new Set<string>();
		for (const [tag, members] of groups) if (!suppressed.has(tag)) for (const key of members) covered.add(key);
		const remainder = [...total].filter((key) => !covered.has(key)).length;
		if (remainder === 0 || remainder >= minimum) return suppressed;
		const next = [...groups]
			.filter(([tag]) => !suppressed.has(tag))
			.sort(([tagA, a], [tagB, b]) => a.size - b.size || tagA.localeCompare(tagB))
			.at(0);
		// Every group suppressed: the remainder is the whole total, which is at least `minimum`.
		if (!next) return suppressed;
		suppressed.add(next[0]);
	}
}

function componentLabel(measure: MeasureDefinition, component: Component): string {
	return measure.components.length > 1 ? `${measure.label}, ${component.label}` : measure.label;
}

/** The summary over every built-in measure with at least one client's change; custom measures differ per client and are left out. */
export function outcomeSummary(clients: ClientOutcomeInput[], minimum: number = MINIMUM_GROUP): OutcomeSummary {
	const measures: MeasureOutcome[] = [];
	const tagsOf = new Map(clients.map((client) => [client.key, normaliseConditions(client.conditions)]));
	for (const measure of builtinMeasures) {
		const unit = measure.units[0];
		if (!unit) continue;
		const midSpec = measure.meaningfulChange;
		const mid = midSpec ? convert(measure, midSpec.value, midSpec.unit, unit.id) : undefined;
		const perComponent = new Map<string, ClientChange[]>();
		for (const client of clients) {
			for (const [component, change] of clientChanges(measure, client.measurements)) {
				const list = perComponent.get(component) ?? [];
				list.push({ key: client.key, change, reached: reachesDifference(measure.direction, change, mid) });
				perComponent.set(component, list);
			}
		}
		for (const component of measure.components) {
			const changes = perComponent.get(component.key);
			if (!changes || changes.length === 0) continue;
			const total = new Set(changes.map((change) => change.key));
			const byTag = new Map<string, Set<string>>();
			for (const change of changes) {
				for (const tag of tagsOf.get(change.key) ?? []) {
					const members = byTag.get(tag) ?? new Set<string>();
					members.add(change.key);
					byTag.set(tag, members);
				}
			}
			const hidden = suppressedTags(total, byTag, minimum);
			const groups: OutcomeGroup[] = [total.size < minimum ? { name: { kind: 'all' }, shown: false, reason: 'small' } : showGroup({ kind: 'all' }, changes)];
			for (const tag of [...byTag.keys()].sort((a, b) => a.localeCompare(b))) {
				const members = byTag.get(tag)!;
				const name: GroupName = { kind: 'condition', tag };
				if (hidden.has(tag)) groups.push({ name, shown: false, reason: members.size < minimum ? 'small' : 'complementary' });
				else
					groups.push(
						showGroup(
							name,
							changes.filter((change) => members.has(change.key))
						)
					);
			}
			measures.push({ measure, component, label: componentLabel(measure, component), unit, direction: measure.direction, mid, groups });
		}
	}
	return { measures, minimumGroup: minimum };
}
