import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT } from '../format.ts';
import { summaryTable } from './summary-table.ts';
import type { Measurement } from './types.ts';

const tug = (id: string, date: string, value: number): Measurement => ({ id, date, measure: 'timed_up_and_go', unit: 's', values: { value } });

describe('the change-from-baseline table as text', () => {
	it('gives one row per series with change, direction, cut-off and numbered sources', () => {
		const table = summaryTable(
			[
				tug('1', '2026-01-05', 14.2),
				tug('2', '2026-03-01', 11.1),
				{ id: '3', date: '2026-01-05', measure: 'six_minute_walk', unit: 'm', values: { value: 300 } },
				{ id: '4', date: '2026-03-01', measure: 'six_minute_walk', unit: 'm', values: { value: 345 } }
			],
			[],
			{},
			DEFAULT_FORMAT
		);
		expect(table.rows).toEqual([
			['6-minute walk distance', '300 m (5 Jan 2026)', '345 m (1 Mar 2026)', '+45 m (+15%), better; reaches the minimal important difference [1]', '—'],
			['Timed up-and-go', '14.2 s (5 Jan 2026)', '11.1 s (1 Mar 2026)', '−3.1 s (−22%), better', 'Fall risk: 12 s or more [2]']
		]);
		expect(table.sources.map((source) => source.citation.slice(0, 10))).toEqual(['Holland AE', 'Centers fo']);
	});

	it('marks a latest value on the flagged side of a cut-off', () => {
		const table = summaryTable([tug('1', '2026-01-05', 12.4)], [], {}, DEFAULT_FORMAT);
		expect(table.rows[0]?.slice(3)).toEqual(['Baseline only', 'In range: Fall risk: 12 s or more [1]']);
	});
});
