import { describe, expect, it } from 'vitest';
import { MeasureCatalogue } from './definitions.ts';
import { parseDecimal, validateCustomMeasure, validateMeasurement, type MeasurementInput } from './validate.ts';

const TODAY = '2026-03-14';
const catalogue = new MeasureCatalogue([{ id: 'custom:steps', label: 'Daily steps', unit: 'steps', min: 0, max: 60000, decimals: 0, direction: 'higher' }]);

const input = (overrides: Partial<MeasurementInput>): MeasurementInput => ({
	date: '2026-03-10',
	measure: 'timed_up_and_go',
	unit: 's',
	values: { value: '11.4' },
	...overrides
});

const check = (overrides: Partial<MeasurementInput>) => validateMeasurement(input(overrides), catalogue, TODAY);
const errorsOf = (overrides: Partial<MeasurementInput>) => {
	const result = check(overrides);
	return result.ok ? {} : result.errors;
};

describe('validating a measurement', () => {
	it('accepts a plausible value and returns it as a number', () => {
		expect(check({})).toEqual({
			ok: true,
			value: { date: '2026-03-10', measure: 'timed_up_and_go', unit: 's', values: { value: 11.4 } }
		});
	});

	it('reads a decimal comma', () => {
		const result = check({ measure: 'weight', unit: 'kg', values: { value: '72,5' } });
		expect(result.ok && result.value.values).toEqual({ value: 72.5 });
	});

	it('refuses text that is not a number', () => {
		expect(errorsOf({ values: { value: 'twelve' } })['value.value']).toMatch(/must be a number/);
		expect(errorsOf({ values: { value: '1e3' } })['value.value']).toMatch(/must be a number/);
		expect(errorsOf({ values: { value: '' } })['value.value']).toMatch(/Enter the timed up-and-go value/);
	});

	it('refuses values outside the plausible range, naming it', () => {
		expect(errorsOf({ values: { value: '1.2' } })['value.value']).toBe('Timed up-and-go must be between 3 and 120 s; check the value and the unit.');
		expect(errorsOf({ measure: 'pain', unit: 'nprs', values: { value: '11' } })['value.value']).toMatch(/between 0 and 10/);
		expect(errorsOf({ measure: 'resting_heart_rate', unit: 'bpm', values: { value: '720' } })['value.value']).toMatch(/between 25 and 220 bpm/);
	});

	it('checks the range of the unit chosen', () => {
		expect(check({ measure: 'weight', unit: 'lb', values: { value: '400' } }).ok).toBe(true);
		expect(errorsOf({ measure: 'weight', unit: 'kg', values: { value: '400' } })['value.value']).toMatch(/between 20 and 350 kg/);
	});

	it('refuses a unit the measure does not use', () => {
		expect(errorsOf({ unit: 'min' }).unit).toBe('Choose a unit for timed up-and-go: s.');
	});

	it('refuses more precision than the measure is recorded with', () => {
		expect(errorsOf({ measure: 'chair_stand_30s', unit: 'stands', values: { value: '9.5' } })['value.value']).toMatch(/whole stands/);
		expect(errorsOf({ values: { value: '11.45' } })['value.value']).toMatch(/at most 1 decimal place/);
	});

	it('checks both blood pressure values and their order', () => {
		const bp = (systolic: string, diastolic: string) => errorsOf({ measure: 'blood_pressure', unit: 'mmHg', values: { systolic, diastolic } });
		expect(bp('128', '82')).toEqual({});
		expect(bp('300', '82')['value.systolic']).toMatch(/Systolic must be between 60 and 260/);
		expect(bp('128', '')['value.diastolic']).toMatch(/Enter the diastolic value/);
		expect(bp('80', '120')['value.diastolic']).toMatch(/lower than systolic/);
	});

	it('requires a side for measures taken on each side', () => {
		expect(errorsOf({ measure: 'grip_strength', unit: 'kg', values: { value: '24' } }).qualifier).toBe('Choose the side measured.');
		expect(check({ measure: 'grip_strength', unit: 'kg', values: { value: '24' }, qualifier: 'left' }).ok).toBe(true);
		expect(errorsOf({ measure: 'grip_strength', unit: 'kg', values: { value: '24' }, qualifier: 'up' }).qualifier).toBeDefined();
	});

	it('requires the activity of a Patient-Specific Functional Scale score', () => {
		expect(errorsOf({ measure: 'psfs', unit: 'score', values: { value: '4' } }).qualifier).toMatch(/Enter the activity/);
		const result = check({ measure: 'psfs', unit: 'score', values: { value: '4' }, qualifier: '  Climbing stairs ' });
		expect(result.ok && result.value.qualifier).toBe('Climbing stairs');
	});

	it('drops a qualifier the measure does not have', () => {
		const result = check({ qualifier: 'left' });
		expect(result.ok && 'qualifier' in result.value).toBe(false);
	});

	it('refuses impossible and future dates', () => {
		expect(errorsOf({ date: '2026-02-30' }).date).toMatch(/Enter the date/);
		expect(errorsOf({ date: '14/03/2026' }).date).toMatch(/Enter the date/);
		expect(errorsOf({ date: '2026-03-15' }).date).toBe('A measure cannot be dated in the future.');
		expect(errorsOf({ date: '1899-12-31' }).date).toMatch(/after 1900/);
		expect(check({ date: TODAY }).ok).toBe(true);
	});

	it('refuses an unknown measure', () => {
		expect(errorsOf({ measure: 'vo2max' }).measure).toBe('Choose a measure from the list.');
	});

	it('validates custom measures against their own range', () => {
		expect(check({ measure: 'custom:steps', unit: 'steps', values: { value: '8500' } }).ok).toBe(true);
		expect(errorsOf({ measure: 'custom:steps', unit: 'steps', values: { value: '-1' } })['value.value']).toMatch(/between 0 and 60000/);
	});

	it('limits the length of a note', () => {
		expect(errorsOf({ note: 'x'.repeat(301) }).note).toMatch(/at most 300/);
	});

	it('reports every bad field at once', () => {
		expect(Object.keys(errorsOf({ date: '', values: { value: 'x' }, note: 'x'.repeat(400) })).sort()).toEqual(['date', 'note', 'value.value']);
	});
});

describe('parsing a decimal', () => {
	it('reads signs and both separators, and nothing else', () => {
		expect(parseDecimal('-3.5')).toEqual({ value: -3.5, decimals: 1 });
		expect(parseDecimal('−2')).toEqual({ value: -2, decimals: 0 });
		expect(parseDecimal(' 7,25 ')).toEqual({ value: 7.25, decimals: 2 });
		expect(parseDecimal('7.')).toBeUndefined();
		expect(parseDecimal('1,000.5')).toBeUndefined();
		expect(parseDecimal('Infinity')).toBeUndefined();
	});
});

describe('validating a custom measure', () => {
	const valid = { label: 'Daily steps', unit: 'steps', min: '0', max: '60000', decimals: '0', direction: 'higher' };

	it('accepts a complete definition', () => {
		expect(validateCustomMeasure({ ...valid, label: 'Stairs climbed' }, new MeasureCatalogue())).toEqual({
			ok: true,
			value: { label: 'Stairs climbed', unit: 'steps', min: 0, max: 60000, decimals: 0, direction: 'higher' }
		});
	});

	it('refuses a name already in use, built-in or custom', () => {
		const result = validateCustomMeasure({ ...valid, label: 'timed up-and-go' }, catalogue);
		expect(!result.ok && result.errors.label).toMatch(/already a measure/);
		const again = validateCustomMeasure(valid, catalogue);
		expect(!again.ok && again.errors.label).toMatch(/already a measure/);
	});

	it('refuses an empty range and an unknown direction', () => {
		const result = validateCustomMeasure({ ...valid, label: 'Other', min: '10', max: '10', direction: 'up', decimals: '5' }, catalogue);
		expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['decimals', 'direction', 'max']);
	});
});
