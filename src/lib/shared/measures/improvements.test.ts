import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT } from '../format.ts';
import { builtinMeasure } from './catalogue.ts';
import { improvementsOf, improvementSources, improvementText, mergeMeasurements } from './improvements.ts';
import type { CustomMeasure, Measurement } from './types.ts';

let sequence = 0;
const entry = (measure: string, date: string, values: Record<string, number>, extra: Partial<Measurement> = {}): Measurement => ({
	id: `m${sequence++}`,
	date,
	measure,
	unit: builtinMeasure(measure)?.units[0]?.id ?? 'unit',
	values,
	...extra
});

const texts = (measurements: Measurement[], customs: CustomMeasure[] = [], facts = {}) =>
	improvementsOf(measurements, customs, facts).map((improvement) => improvementText(improvement, DEFAULT_FORMAT));

describe('improvements worth a provider’s attention', () => {
	it('name a blood pressure back inside the ACC/AHA range, against the baseline’s date', () => {
		const found = improvementsOf(
			[
				entry('blood_pressure', '2026-10-03', { systolic: 146, diastolic: 84 }),
				entry('blood_pressure', '2026-11-07', { systolic: 138, diastolic: 82 }),
				entry('blood_pressure', '2026-12-04', { systolic: 128, diastolic: 82 })
			],
			[],
			{}
		);
		expect(found.map((improvement) => improvementText(improvement, DEFAULT_FORMAT))).toEqual([
			'Systolic blood pressure down 18 mmHg since 3 Oct, back below 130 mmHg'
		]);
		const [systolic] = found;
		expect(systolic?.baseline.date).toBe('2026-10-03');
		expect(systolic?.key).toBe('blood_pressure|systolic||range:acc-aha-stage1-systolic');
		expect(improvementSources(systolic!).map((source) => source.citation)).toEqual([expect.stringContaining('ACC/AHA')]);
	});

	it('name the cut-off nearest the latest value when the baseline was past several', () => {
		expect(texts([entry('blood_pressure', '2026-10-03', { systolic: 184 }), entry('blood_pressure', '2026-12-04', { systolic: 126 })])).toEqual([
			'Systolic blood pressure down 58 mmHg since 3 Oct, back below 130 mmHg'
		]);
	});

	it('say nothing while the value is still past a cut-off, however much it fell', () => {
		expect(texts([entry('blood_pressure', '2026-10-03', { systolic: 184 }), entry('blood_pressure', '2026-12-04', { systolic: 150 })])).toEqual([]);
	});

	it('name an improvement by the minimal important difference, with its source', () => {
		const found = improvementsOf([entry('six_minute_walk', '2026-09-01', { value: 380 }), entry('six_minute_walk', '2026-12-01', { value: 425 })], [], {});
		expect(found.map((improvement) => improvementText(improvement, DEFAULT_FORMAT))).toEqual([
			'6-minute walk distance up 45 m since 1 Sept, reaching the minimal important difference (30 m)'
		]);
		expect(found[0]?.key).toBe('six_minute_walk|value||change');
		expect(improvementSources(found[0]!)[0]?.citation).toContain('Holland');
	});

	it('say nothing for a change under the minimal important difference', () => {
		expect(texts([entry('six_minute_walk', '2026-09-01', { value: 380 }), entry('six_minute_walk', '2026-12-01', { value: 405 })])).toEqual([]);
		expect(texts([entry('pain', '2026-09-01', { value: 6 }), entry('pain', '2026-12-01', { value: 5 })])).toEqual([]);
	});

	it('read "better" the way each measure wants it: pain and time down, distance and stands up', () => {
		expect(
			texts([
				entry('pain', '2026-09-01', { value: 6 }, { qualifier: 'right knee on stairs' }),
				entry('pain', '2026-12-01', { value: 3 }, { qualifier: 'right knee on stairs' })
			])
		).toEqual(['Pain (0–10), right knee on stairs down 3 points since 1 Sept, reaching the clinically important change (2 points)']);
		// Worse by more than the difference is not news to share as progress.
		expect(texts([entry('pain', '2026-09-01', { value: 3 }), entry('pain', '2026-12-01', { value: 6 })])).toEqual([]);
		expect(texts([entry('six_minute_walk', '2026-09-01', { value: 425 }), entry('six_minute_walk', '2026-12-01', { value: 380 })])).toEqual([]);
		expect(texts([entry('timed_up_and_go', '2026-09-01', { value: 13.5 }), entry('timed_up_and_go', '2026-12-01', { value: 11.2 })])).toEqual([
			'Timed up-and-go down 2.3 s since 1 Sept, back below 12 s'
		]);
		expect(texts([entry('timed_up_and_go', '2026-09-01', { value: 11.2 }), entry('timed_up_and_go', '2026-12-01', { value: 13.5 })])).toEqual([]);
		expect(
			texts(
				[
					entry('grip_strength', '2026-09-01', { value: 14 }, { qualifier: 'left' }),
					entry('grip_strength', '2026-12-01', { value: 17.5 }, { qualifier: 'left' })
				],
				[],
				{ sex: 'female' }
			)
		).toEqual(['Grip strength, left up 3.5 kg since 1 Sept, back at or above 16 kg']);
	});

	it('use the client’s age and sex for norms that need them, and say nothing without them', () => {
		const stands = [entry('chair_stand_30s', '2026-09-01', { value: 9 }), entry('chair_stand_30s', '2026-12-01', { value: 13 })];
		expect(texts(stands, [], { sex: 'female', dateOfBirth: '1955-01-01' })).toEqual([
			'30-second chair stand up 4 stands since 1 Sept, back at or above 10 stands'
		]);
		expect(texts(stands)).toEqual([]);
	});

	it('say nothing for a measure without a published range or difference, nor for one without a better direction', () => {
		const custom: CustomMeasure = { id: 'custom:steps', label: 'Daily steps', unit: 'steps', min: 0, max: 50000, decimals: 0, direction: 'higher' };
		expect(
			texts(
				[
					entry('range_of_motion', '2026-09-01', { value: 90 }, { qualifier: 'right shoulder flexion' }),
					entry('range_of_motion', '2026-12-01', { value: 160 }, { qualifier: 'right shoulder flexion' }),
					entry('weight', '2026-09-01', { value: 96 }),
					entry('weight', '2026-12-01', { value: 80 }),
					entry('custom:steps', '2026-09-01', { value: 2000 }, { unit: 'steps' }),
					entry('custom:steps', '2026-12-01', { value: 9000 }, { unit: 'steps' })
				],
				[custom]
			)
		).toEqual([]);
	});

	it('need two values: a baseline alone says nothing', () => {
		expect(texts([entry('blood_pressure', '2026-10-03', { systolic: 146, diastolic: 84 })])).toEqual([]);
	});

	it('write the baseline’s year when the latest value is in another', () => {
		expect(texts([entry('blood_pressure', '2025-12-20', { systolic: 140 }), entry('blood_pressure', '2026-01-10', { systolic: 124 })])).toEqual([
			'Systolic blood pressure down 16 mmHg since 20 Dec 2025, back below 130 mmHg'
		]);
	});

	it('count a measurement copied into several documents once, so the baseline is the earliest', () => {
		const baseline = entry('blood_pressure', '2026-10-03', { systolic: 146 });
		const latest = entry('blood_pressure', '2026-12-04', { systolic: 128 });
		const merged = mergeMeasurements([[baseline], [baseline, latest], [latest]]);
		expect(merged.map((measurement) => measurement.id)).toEqual([baseline.id, latest.id]);
		expect(improvementsOf(merged, [], {})[0]?.baseline.date).toBe('2026-10-03');
	});
});
