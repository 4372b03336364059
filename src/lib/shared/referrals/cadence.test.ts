import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { advanceStage, isFirstContact, suggestNextStep } from './cadence.ts';
import { todayOf } from './dates.ts';
import { addProvider, classifyTouchpoint, logTouchpoint, readPractice, setFollowUpDays } from './practice-doc.ts';
import { fixedClock, providerFields, testEnv } from './testing/fixtures.ts';

const clock = fixedClock('2026-11-20T09:30:00');
const today = todayOf(clock);

describe('a first contact', () => {
	it('sets a follow-up call due 7 days later by default', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const providerId = addProvider(doc, providerFields(), env);
		const logged = logTouchpoint(doc, { providerId, kind: 'letter_email', date: today, outcome: 'Introductory letter sent.' }, env);
		expect(logged?.firstContact).toBe(true);
		expect(logged?.next).toEqual({ due: '2026-11-27', kind: 'call', note: 'Follow up on the first contact.' });
		expect(readPractice(doc).touchpoints[0]?.next?.due).toBe('2026-11-27');
	});

	it.each([5, 6, 7])('follows the practice setting of %i days', (days) => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		setFollowUpDays(doc, days);
		const providerId = addProvider(doc, providerFields(), env);
		const logged = logTouchpoint(doc, { providerId, kind: 'call', date: '2026-11-18', outcome: '' }, env);
		expect(logged?.next?.due).toBe(`2026-11-${18 + days}`);
	});

	it('refuses a setting outside 5 to 7 days', () => {
		expect(() => setFollowUpDays(new Y.Doc(), 10)).toThrow(RangeError);
	});

	it('crosses a month end and a daylight-saving change by calendar days', () => {
		expect(suggestNextStep({ kind: 'call', date: '2026-10-28', firstContact: true }, { followUpDays: 7 })?.due).toBe('2026-11-04');
		expect(suggestNextStep({ kind: 'call', date: '2026-03-26', firstContact: true }, { followUpDays: 5 })?.due).toBe('2026-03-31');
	});

	it('is only the first touchpoint: later ones plan nothing by themselves', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const providerId = addProvider(doc, providerFields(), env);
		logTouchpoint(doc, { providerId, kind: 'letter_email', date: '2026-11-10', outcome: '' }, env);
		const call = logTouchpoint(doc, { providerId, kind: 'call', date: '2026-11-17', outcome: 'Spoke to the office manager.' }, env);
		expect(call?.firstContact).toBe(false);
		expect(call?.next).toBeNull();
	});

	it('keeps an explicit next step, or none, over the rule', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const providerId = addProvider(doc, providerFields(), env);
		const explicit = { due: '2026-11-22', kind: 'visit' as const, note: 'Drop off the brochure.' };
		expect(logTouchpoint(doc, { providerId, kind: 'letter_email', date: today, outcome: '', next: explicit }, env)?.next).toEqual(explicit);
		const other = addProvider(doc, providerFields({ name: 'Dr Bo Lind' }), env);
		expect(logTouchpoint(doc, { providerId: other, kind: 'letter_email', date: today, outcome: '', next: null }, env)?.next).toBeNull();
	});

	it('is told apart before saving, so the form can offer the follow-up', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const providerId = addProvider(doc, providerFields(), env);
		expect(classifyTouchpoint(doc, { providerId, kind: 'visit', date: today })).toEqual({
			firstContact: true,
			suggestion: { due: '2026-11-27', kind: 'call', note: 'Follow up on the first contact.' }
		});
	});
});

describe('isFirstContact', () => {
	it('looks only at touchpoints on or before the date', () => {
		expect(isFirstContact('call', '2026-11-10', [])).toBe(true);
		expect(isFirstContact('call', '2026-11-10', [{ date: '2026-11-12' }])).toBe(true);
		expect(isFirstContact('call', '2026-11-10', [{ date: '2026-11-10' }])).toBe(false);
		expect(isFirstContact('referral_received', '2026-11-10', [])).toBe(false);
	});
});

describe('a referral', () => {
	it('plans a thank-you within 2 days', () => {
		expect(suggestNextStep({ kind: 'referral_received', date: '2026-11-20', firstContact: false }, { followUpDays: 7 })).toEqual({
			due: '2026-11-22',
			kind: 'thank_you',
			note: 'Thank them for the referral.'
		});
	});
});

describe('an event attended', () => {
	it('plans the follow-up call after the practice’s days, first contact or not', () => {
		expect(suggestNextStep({ kind: 'event_attended', date: '2026-11-20', firstContact: false }, { followUpDays: 5 })).toEqual({
			due: '2026-11-25',
			kind: 'call',
			note: 'Follow up on the event they came to.'
		});
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const providerId = addProvider(doc, providerFields(), env);
		logTouchpoint(doc, { providerId, kind: 'call', date: '2026-11-01', outcome: 'Called.', next: null }, env);
		const logged = logTouchpoint(doc, { providerId, kind: 'event_attended', date: today, outcome: 'Came to the open house.', source: 'event' }, env);
		expect(logged?.next).toEqual({ due: '2026-11-27', kind: 'call', note: 'Follow up on the event they came to.' });
		expect(readPractice(doc).providers[0]?.stage).toBe('meeting_held');
	});
});

describe("a client's appointment attended", () => {
	it('plans a thank-you within 2 days and keeps the client it was about', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const providerId = addProvider(doc, providerFields(), env);
		const logged = logTouchpoint(
			doc,
			{ providerId, kind: 'client_appointment', date: today, outcome: 'Sat in.', clientId: 'client-1', source: 'client_visit' },
			env
		);
		expect(logged?.next).toEqual({ due: '2026-11-22', kind: 'thank_you', note: 'Thank them for having you at the appointment.' });
		expect(readPractice(doc).touchpoints[0]).toMatchObject({ kind: 'client_appointment', clientId: 'client-1', source: 'client_visit' });
	});
});

describe('advanceStage', () => {
	it.each([
		['researching', 'letter_email', true, 'first_contact'],
		['researching', 'visit', true, 'meeting_held'],
		['first_contact', 'call', false, 'follow_up'],
		['follow_up', 'lunch_and_learn', false, 'meeting_held'],
		['meeting_held', 'call', false, 'meeting_held'],
		['referring', 'thank_you', false, 'referring'],
		['meeting_held', 'referral_received', false, 'referring'],
		['inactive', 'call', false, 'inactive'],
		['inactive', 'referral_received', false, 'referring'],
		['researching', 'event_attended', true, 'meeting_held'],
		['first_contact', 'client_appointment', false, 'meeting_held'],
		['inactive', 'event_attended', false, 'inactive']
	] as const)('moves %s after a %s (first contact: %s) to %s', (from, kind, first, to) => {
		expect(advanceStage(from, kind, first)).toBe(to);
	});
});
