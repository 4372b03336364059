import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms/parse.ts';
import { answerLinkLastDay, answersOpen, attendanceTouchpoint, eventSchema, InvitationAnswerForm, questionLines, visitSchema } from './events.ts';

const today = '2026-11-20';

describe('an event', () => {
	it('is planned from today up to a year ahead, at a time of day', () => {
		const fields = { kind: 'workshop', title: 'Balance after 60', date: today, startTime: '18:00' };
		expect(parseForm(eventSchema(today), fields)).toMatchObject({ ok: true, data: { ...fields, location: '', description: '' } });
		expect(parseForm(eventSchema(today), { ...fields, date: '2026-11-19' })).toEqual({ ok: false, errors: { date: 'The event can’t be in the past.' } });
		expect(parseForm(eventSchema(today), { ...fields, date: '2027-11-22' })).toEqual({ ok: false, errors: { date: 'Plan events up to a year ahead.' } });
		expect(parseForm(eventSchema(today), { ...fields, date: '2026-02-30' })).toMatchObject({
			ok: false,
			errors: { date: 'Enter a real date, such as 2026-11-20.' }
		});
		expect(parseForm(eventSchema(today), { ...fields, startTime: '7pm' })).toEqual({
			ok: false,
			errors: { startTime: 'Enter the start time, such as 12:30.' }
		});
	});

	it('takes answers until it begins, and its link opens for a week after', () => {
		expect(answersOpen(today, today)).toBe(true);
		expect(answersOpen(today, '2026-11-21')).toBe(false);
		expect(answerLinkLastDay(today)).toBe('2026-11-27');
	});

	it('logs attendance as "came to an event" on the event’s date, naming it', () => {
		expect(attendanceTouchpoint({ kind: 'one_on_one_workout', title: 'Trying the sled', date: today }, 'p1')).toEqual({
			providerId: 'p1',
			kind: 'event_attended',
			date: today,
			outcome: 'Came to One-on-one workout: Trying the sled.',
			source: 'event'
		});
	});
});

describe('an answer to an invitation', () => {
	it('says whether they come, with a short note', () => {
		expect(parseForm(InvitationAnswerForm, { response: 'attending' })).toEqual({ ok: true, data: { response: 'attending', note: '' } });
		expect(parseForm(InvitationAnswerForm, { response: 'maybe' })).toEqual({ ok: false, errors: { response: 'Choose whether you are coming.' } });
		expect(parseForm(InvitationAnswerForm, { response: 'declined', note: 'n'.repeat(501) })).toEqual({
			ok: false,
			errors: { note: 'A note can be at most 500 characters.' }
		});
	});
});

describe('a visit to a client’s appointment', () => {
	it('is dated within the past year or the next 90 days', () => {
		expect(parseForm(visitSchema(today), { directoryProviderId: 'p1', date: '2027-02-18' })).toMatchObject({ ok: true });
		expect(parseForm(visitSchema(today), { directoryProviderId: 'p1', date: '2027-02-19' })).toMatchObject({ ok: false, errors: { date: expect.any(String) } });
	});

	it('lists its questions one a line, without the bullets or numbers typed', () => {
		expect(questionLines('1. Stairs?\n\n- Lifting 5 kg?\r\n  • Driving?  \n2) Pool')).toEqual(['Stairs?', 'Lifting 5 kg?', 'Driving?', 'Pool']);
		expect(questionLines('   \n')).toEqual([]);
	});
});
