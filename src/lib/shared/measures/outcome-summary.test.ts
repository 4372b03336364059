import { describe, expect, it } from 'vitest';
import { builtinMeasure } from './catalogue.ts';
import { clientChanges, median, normaliseConditions, outcomeSummary, reachesDifference, suppressedTags, type ClientOutcomeInput } from './outcome-summary.ts';
import { outcomeTable } from './outcome-summary-table.ts';
import type { Measurement } from './types.ts';
import { DEFAULT_FORMAT } from '../format.ts';

let sequence = 0;
const entry = (measure: string, date: string, values: Record<string, number>, extra: Partial<Measurement> = {}): Measurement => ({
	id: `m${sequence++}`,
	date,
	measure,
	unit: builtinMeasure(measure)?.units[0]?.id ?? '',
	values,
	...extra
});

/** A client who walked `from` then `to` metres in six minutes. */
const walker = (key: string, from: number, to: number, conditions: string[] = []): ClientOutcomeInput => ({
	key,
	conditions,
	measurements: [entry('six_minute_walk', '2026-01-05', { value: from }), entry('six_minute_walk', '2026-03-02', { value: to })]
});

const keys = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

describe('median', () => {
	it('is the middle value, or the mean of the two middle ones', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(() => median([])).toThrow();
	});
});

describe('the minimal important difference', () => {
	it('counts only improvement, in the direction that is better for the measure', () => {
		expect(reachesDifference('higher', 30, 30)).toBe(true);
		expect(reachesDifference('higher', -40, 30)).toBe(false);
		expect(reachesDifference('lower', -2, 2)).toBe(true);
		expect(reachesDifference('lower', 3, 2)).toBe(false);
		expect(reachesDifference('higher', 29, 30)).toBe(false);
		expect(reachesDifference('none', 5, 1)).toBeUndefined();
		expect(reachesDifference('higher', 5, undefined)).toBeUndefined();
	});
});

describe('a client’s change', () => {
	it('is latest minus first, in the measure’s first unit, averaged over sides', () => {
		const grip = builtinMeasure('grip_strength')!;
		const changes = clientChanges(grip, [
			entry('grip_strength', '2026-01-01', { value: 20 }, { qualifier: 'left' }),
			entry('grip_strength', '2026-02-01', { value: 24 }, { qualifier: 'left' }),
			entry('grip_strength', '2026-01-01', { value: 30 }, { qualifier: 'right' }),
			entry('grip_strength', '2026-02-01', { value: 32 }, { qualifier: 'right' })
		]);
		expect(changes.get('value')).toBe(3);
	});

	it('leaves out a measure with a baseline only', () => {
		expect(clientChanges(builtinMeasure('pain')!, [entry('pain', '2026-01-01', { value: 6 })]).size).toBe(0);
	});

	it('converts feet to metres before comparing with the difference', () => {
		const walk = builtinMeasure('six_minute_walk')!;
		const changes = clientChanges(walk, [
			entry('six_minute_walk', '2026-01-01', { value: 1000 }, { unit: 'ft' }),
			entry('six_minute_walk', '2026-02-01', { value: 1100 }, { unit: 'ft' })
		]);
		expect(changes.get('value')).toBeCloseTo(30.48, 5);
	});
});

describe('condition tags', () => {
	it('are one group whatever their case and spacing', () => {
		expect(normaliseConditions([' Hypertension', 'hypertension ', 'Type 2  diabetes', ''])).toEqual(['Hypertension', 'Type 2 diabetes']);
	});
});

describe('the outcome summary', () => {
	it('gives the median change and how many reached the difference, with n', () => {
		const clients = [walker('a', 300, 320), walker('b', 300, 340), walker('c', 300, 330), walker('d', 300, 290), walker('e', 300, 360)];
		const [walk] = outcomeSummary(clients).measures;
		expect(walk?.label).toBe('6-minute walk distance');
		expect(walk?.groups).toEqual([{ name: { kind: 'all' }, shown: true, n: 5, median: 30, reached: 3 }]);
	});

	it('counts a fall in pain as better', () => {
		const clients = keys('p', 5).map((key, index) => ({
			key,
			conditions: [],
			measurements: [entry('pain', '2026-01-01', { value: 7 }), entry('pain', '2026-02-01', { value: 7 - index })]
		}));
		const [pain] = outcomeSummary(clients).measures;
		expect(pain?.groups[0]).toMatchObject({ shown: true, n: 5, median: -2, reached: 3 });
		const table = outcomeTable(outcomeSummary(clients), DEFAULT_FORMAT);
		expect(table.rows[0]).toEqual(['Pain (0–10)', 'All clients', '5', '−2/10, better', '3 of 5 (60%)']);
	});

	it('suppresses a practice of fewer than five clients altogether', () => {
		const clients = keys('x', 4).map((key) => walker(key, 300, 340, ['Hypertension']));
		const [walk] = outcomeSummary(clients).measures;
		expect(walk?.groups).toEqual([
			{ name: { kind: 'all' }, shown: false, reason: 'small' },
			{ name: { kind: 'condition', tag: 'Hypertension' }, shown: false, reason: 'small' }
		]);
		expect(outcomeTable(outcomeSummary(clients), DEFAULT_FORMAT).rows).toEqual([]);
	});

	it('suppresses a condition group under five, and the next smallest so it cannot be subtracted out', () => {
		// 12 clients: 7 with hypertension, 3 with diabetes (suppressed), 2 with neither.
		// Total minus hypertension would be the 5 others, which is allowed; so here nothing more goes.
		const clients = [
			...keys('h', 7).map((key) => walker(key, 300, 350, ['Hypertension'])),
			...keys('d', 3).map((key) => walker(key, 300, 300, ['Type 2 diabetes'])),
			...keys('n', 2).map((key) => walker(key, 300, 310))
		];
		const shown = (summary: ReturnType<typeof outcomeSummary>) =>
			summary.measures[0]!.groups.map((group) => [group.name.kind === 'all' ? 'all' : group.name.tag, group.shown ? group.n : group.reason]);
		expect(shown(outcomeSummary(clients))).toEqual([
			['all', 12],
			['Hypertension', 7],
			['Type 2 diabetes', 'small']
		]);
		// Without the two untagged clients, total minus hypertension would be the 3 with diabetes.
		const tagged = clients.filter((client) => !client.key.startsWith('n'));
		expect(shown(outcomeSummary(tagged))).toEqual([
			['all', 10],
			['Hypertension', 'complementary'],
			['Type 2 diabetes', 'small']
		]);
	});

	it('keeps suppressing until what can be subtracted is empty or at least five', () => {
		// Disjoint groups of 6, 8 and 2: hiding 2 leaves a remainder of 2, hiding 6 too makes it 8.
		const total = new Set(keys('k', 16));
		const groups = new Map([
			['A', new Set(keys('k', 6))],
			['B', new Set(keys('k', 14).slice(6))],
			['C', new Set(keys('k', 16).slice(14))]
		]);
		expect([...suppressedTags(total, groups)].sort()).toEqual(['A', 'C']);
		// Overlapping groups that cover everyone leave no remainder: only the small one goes.
		const overlapping = new Map([
			['A', new Set(keys('k', 16))],
			['C', new Set(keys('k', 16).slice(14))]
		]);
		expect([...suppressedTags(total, overlapping)]).toEqual(['C']);
	});

	it('leaves suppressed groups’ names out of what leaves the practice', () => {
		const clients = [
			...keys('h', 6).map((key) => walker(key, 300, 350, ['Hypertension'])),
			...keys('u', 5).map((key) => walker(key, 300, 320)),
			walker('r', 300, 300, ['Rare condition'])
		];
		const table = outcomeTable(outcomeSummary(clients), DEFAULT_FORMAT);
		expect(table.rows.map((row) => row[1])).toEqual(['All clients', 'Hypertension']);
		expect(JSON.stringify(table)).not.toContain('Rare condition');
		expect(table.notes.join(' ')).toContain('1 group was left out');
	});
});
