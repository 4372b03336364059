import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms/parse.ts';
import { EducationForm, isoDateIn, ProfileSummaryForm, splitLines } from './profile.ts';

describe('the profile forms', () => {
	it('reads one item per line, spaces folded, blank lines and repeats (any case) dropped', () => {
		expect(splitLines('  Fall   prevention \r\n\nfall prevention\nType 2 diabetes\n')).toEqual(['Fall prevention', 'Type 2 diabetes']);
	});

	it('folds a pasted outcomes statement onto one line and reads an empty one as none', () => {
		expect(parseForm(ProfileSummaryForm, { outcomesStatement: 'Walk\nfurther', specialties: '', conditionsServed: '' })).toEqual({
			ok: true,
			data: { outcomesStatement: 'Walk further', specialties: [], conditionsServed: [] }
		});
		expect(parseForm(ProfileSummaryForm, { outcomesStatement: '' })).toMatchObject({ ok: true, data: { outcomesStatement: undefined } });
	});

	it('takes the practice’s today: a course completed today in Auckland is not in the future while it is still yesterday in UTC', () => {
		const now = new Date('2026-03-14T20:00:00Z');
		const today = isoDateIn(now, 'Pacific/Auckland');
		expect(today).toBe('2026-03-15');
		expect(parseForm(EducationForm(today), { title: 'Course', hours: '2', completedOn: '2026-03-15' })).toMatchObject({ ok: true });
		expect(parseForm(EducationForm(isoDateIn(now, 'UTC')), { title: 'Course', hours: '2', completedOn: '2026-03-15' })).toEqual({
			ok: false,
			errors: { completedOn: 'The date cannot be in the future.' }
		});
		expect(isoDateIn(now, 'Not/A_Zone')).toBe('2026-03-14');
	});
});
