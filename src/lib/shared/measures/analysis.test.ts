import { describe, expect, it } from 'vitest';
import { ageOn, buildSeries, missingFacts, summarise } from './analysis.ts';
import { builtinMeasure, convert, type MeasureDefinition } from './catalogue.ts';
import { MeasureCatalogue } from './definitions.ts';
import type { Measurement } from './types.ts';

const measure = (id: string): MeasureDefinition => {
	const found = builtinMeasure(id);
	if (!found) throw new Error(`no measure ${id}`);
	return found;
};

let sequence = 0;
const entry = (measureId: string, date: string, values: Record<string, number>, extra: Partial<Measurement> = {}): Measurement => ({
	id: `m${sequence++}`,
	date,
	measure: measureId,
	unit: measure(measureId).units[0]?.id ?? '',
	values,
	...extra
});

const catalogue = new MeasureCatalogue();

describe('age on a date', () => {
	it('counts whole years, turning on the birthday', () => {
		expect(ageOn('1952-06-01', '2026-05-31')).toBe(73);
		expect(ageOn('1952-06-01', '2026-06-01')).toBe(74);
		expect(ageOn(null, '2026-06-01')).toBeUndefined();
		expect(ageOn('garbage', '2026-06-01')).toBeUndefined();
	});
});

describe('series', () => {
	it('give one series per blood pressure component', () => {
		const series = buildSeries(measure('blood_pressure'), [
			entry('blood_pressure', '2026-01-01', { systolic: 142, diastolic: 88 }),
			entry('blood_pressure', '2026-02-01', { systolic: 134, diastolic: 84 })
		]);
		expect(series.map((s) => [s.label, s.points.map((p) => p.value)])).toEqual([
			['Systolic', [142, 134]],
			['Diastolic', [88, 84]]
		]);
	});

	it('give one series per side, in date order', () => {
		const series = buildSeries(measure('grip_strength'), [
			entry('grip_strength', '2026-02-01', { value: 20 }, { qualifier: 'left' }),
			entry('grip_strength', '2026-01-01', { value: 18 }, { qualifier: 'left' }),
			entry('grip_strength', '2026-01-01', { value: 22 }, { qualifier: 'right' })
		]);
		expect(series.map((s) => [s.label, s.points.map((p) => p.date)])).toEqual([
			['Left', ['2026-01-01', '2026-02-01']],
			['Right', ['2026-01-01']]
		]);
	});

	it('convert every value to the unit used last', () => {
		const [series] = buildSeries(measure('weight'), [
			entry('weight', '2026-01-01', { value: 80 }),
			{ ...entry('weight', '2026-02-01', { value: 174 }), unit: 'lb' }
		]);
		expect(series?.unit.id).toBe('lb');
		expect(series?.points.map((p) => p.value)).toEqual([176.4, 174]);
	});

	it('keep different scales apart', () => {
		const series = buildSeries(measure('rpe'), [entry('rpe', '2026-01-01', { value: 13 }), { ...entry('rpe', '2026-02-01', { value: 4 }), unit: 'cr10' }]);
		expect(series.map((s) => s.label)).toEqual(['Borg 6–20', 'Rating of perceived exertion']);
	});
});

describe('conversion', () => {
	it('goes both ways through the first unit', () => {
		expect(convert(measure('waist'), 40, 'in', 'cm')).toBeCloseTo(101.6);
		expect(convert(measure('six_minute_walk'), 300, 'm', 'ft')).toBeCloseTo(984.25, 1);
		expect(convert(measure('rpe'), 13, 'borg', 'cr10')).toBeUndefined();
	});
});

describe('change from baseline', () => {
	it('says whether a timed up-and-go got better and flags the fall-risk cut-off', () => {
		const [summary] = summarise(
			catalogue,
			[entry('timed_up_and_go', '2026-01-01', { value: 14.2 }), entry('timed_up_and_go', '2026-03-01', { value: 11.1 })],
			{}
		);
		const series = summary?.series[0];
		expect(series).toMatchObject({ change: -3.1, trend: 'better', flags: [] });
		expect(series?.percent).toBeCloseTo(-21.8, 1);
		expect(series?.thresholds[0]?.label).toBe('Fall risk: 12 s or more');
		const [worse] = summarise(catalogue, [entry('timed_up_and_go', '2026-01-01', { value: 12 })], {});
		expect(worse?.series[0]?.flags.map((f) => f.threshold.id)).toEqual(['steadi-tug']);
	});

	it('uses the chair-stand norm for the client’s age and sex on the date measured', () => {
		const stands = [entry('chair_stand_30s', '2026-01-01', { value: 9 }), entry('chair_stand_30s', '2026-03-01', { value: 11 })];
		const woman = summarise(catalogue, stands, { dateOfBirth: '1952-06-01', sex: 'female' })[0]?.series[0];
		expect(woman?.thresholds.map((t) => t.value)).toEqual([10]);
		expect(woman?.flags).toEqual([]);
		const man = summarise(catalogue, stands, { dateOfBirth: '1952-06-01', sex: 'male' })[0]?.series[0];
		expect(man?.flags.map((t) => t.label)).toEqual(['Below average for age and sex: fewer than 12 stands']);
		const unknown = summarise(catalogue, stands, { dateOfBirth: '1952-06-01' })[0]?.series[0];
		expect(unknown?.thresholds).toEqual([]);
		expect(missingFacts(measure('chair_stand_30s'), {})).toEqual(['sex', 'age']);
	});

	it('converts a cut-off into the unit the series is shown in', () => {
		const grip = [{ ...entry('grip_strength', '2026-01-01', { value: 30 }, { qualifier: 'right' }), unit: 'lb' }];
		const series = summarise(catalogue, grip, { sex: 'female' })[0]?.series[0];
		expect(series?.thresholds[0]?.value).toBeCloseTo(35.3, 1);
		expect(series?.flags).toHaveLength(1);
	});

	it('marks a change as meaningful only when it reaches the published difference', () => {
		const walk = (a: number, b: number) =>
			summarise(catalogue, [entry('six_minute_walk', '2026-01-01', { value: a }), entry('six_minute_walk', '2026-02-01', { value: b })], {})[0]?.series[0]
				?.meaningful;
		expect(walk(300, 329)).toBe(false);
		expect(walk(300, 330)).toBe(true);
		expect(summarise(catalogue, [entry('six_minute_walk', '2026-01-01', { value: 300 })], {})[0]?.series[0]?.meaningful).toBeUndefined();
	});

	it('makes no judgement for measures with no better direction', () => {
		const weight = summarise(catalogue, [entry('weight', '2026-01-01', { value: 80 }), entry('weight', '2026-02-01', { value: 78 })], {});
		expect(weight[0]?.series[0]?.trend).toBe('changed');
	});

	it('orders measures the way a provider reads: function first', () => {
		const order = summarise(
			catalogue,
			[
				entry('weight', '2026-01-01', { value: 80 }),
				entry('timed_up_and_go', '2026-01-01', { value: 12 }),
				entry('psfs', '2026-01-01', { value: 3 }, { qualifier: 'Stairs' })
			],
			{}
		).map((summary) => summary.measure.id);
		expect(order).toEqual(['psfs', 'timed_up_and_go', 'weight']);
	});
});
