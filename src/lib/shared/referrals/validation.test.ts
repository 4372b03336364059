import { describe, expect, it } from 'vitest';
import { isPhoneNumber, parseFollowUpDays, parseProvider, parseReferral, parseTouchpoint } from './validation.ts';

const today = '2026-11-20';

describe('provider form', () => {
	it('accepts a name and role alone, filling the rest with blanks', () => {
		const parsed = parseProvider({ name: 'Dr Ana Reyes', role: 'physician', stage: 'researching' });
		expect(parsed).toEqual({ ok: true, data: expect.objectContaining({ name: 'Dr Ana Reyes', email: '', phone: '', reportPreference: '' }) });
	});

	it('names each bad field with a message', () => {
		const parsed = parseProvider({
			name: '',
			role: 'surgeon',
			stage: 'researching',
			email: 'reyes@',
			phone: '12',
			fax: 'call me',
			officeManagerEmail: 'not an email',
			reportPreference: 'pigeon'
		});
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.errors).toEqual({
			name: "Enter the provider's name.",
			role: 'Choose a role.',
			email: 'Enter an email address such as name@example.com, or leave it empty.',
			phone: 'Enter a phone number such as (555) 123-4567 or +1 555 123 4567, or leave it empty.',
			fax: 'Enter a fax number such as (555) 123-4567 or +1 555 123 4567, or leave it empty.',
			officeManagerEmail: 'Enter an email address such as name@example.com, or leave it empty.',
			reportPreference: 'Choose how they like to receive reports.'
		});
	});

	it.each(['(555) 123-4567', '+1 555 123 4567', '555.123.4567 ext. 12', '020 7946 0958', '5551234567x9'])('takes %s as a phone number', (value) => {
		expect(isPhoneNumber(value)).toBe(true);
	});

	it.each(['123', '555-CALL-NOW', '+1 (555) 123 4567 8901 2345', 'x12'])('refuses %s as a phone number', (value) => {
		expect(isPhoneNumber(value)).toBe(false);
	});
});

describe('touchpoint form', () => {
	it('turns a dated next step into a follow-up', () => {
		expect(
			parseTouchpoint(
				{ kind: 'call', date: '2026-11-19', outcome: 'Left a message.', nextKind: 'visit', nextDue: '2026-11-26', nextNote: 'Visit the office.' },
				today
			)
		).toEqual({
			ok: true,
			data: { kind: 'call', date: '2026-11-19', outcome: 'Left a message.', next: { due: '2026-11-26', kind: 'visit', note: 'Visit the office.' } }
		});
		expect(parseTouchpoint({ kind: 'call', date: today, nextKind: 'visit', nextDue: '', nextNote: '' }, today)).toMatchObject({
			ok: true,
			data: { next: null }
		});
	});

	it.each([
		[{ date: '' }, 'date', 'Enter the date of the touchpoint.'],
		[{ date: '2026-02-30' }, 'date', 'Enter a real date, such as 2026-11-20.'],
		[{ date: '2026-11-21' }, 'date', "The touchpoint can't be in the future."],
		[{ kind: 'gift' }, 'kind', 'Choose what kind of touchpoint this was.'],
		[{ nextDue: '2026-11-18' }, 'nextDue', 'The next step must be on or after the touchpoint date.'],
		[{ nextDue: 'soon' }, 'nextDue', 'Enter a real date, such as 2026-11-20, or leave it empty.'],
		[{ nextNote: 'Call back' }, 'nextDue', 'Give the next step a date so it shows in Follow-ups due, or clear the step.']
	])('refuses %j', (override, field, message) => {
		const parsed = parseTouchpoint({ kind: 'call', date: '2026-11-19', ...override }, today);
		expect(!parsed.ok && parsed.errors[field]).toBe(message);
	});
});

describe('referral form', () => {
	const clients = new Set(['client-1']);

	it('links a client, or takes a name for someone not yet a client', () => {
		expect(parseReferral({ clientId: 'client-1', date: today }, today, clients)).toEqual({
			ok: true,
			data: { clientId: 'client-1', personName: '', date: today, note: '' }
		});
		expect(parseReferral({ clientId: 'new', personName: 'Jo Park', date: today }, today, clients)).toMatchObject({
			ok: true,
			data: { clientId: null, personName: 'Jo Park' }
		});
	});

	it('refuses a missing name, a stranger’s client and a future date', () => {
		expect(parseReferral({ clientId: 'new', date: today }, today, clients)).toEqual({
			ok: false,
			errors: { personName: 'Enter the name of the person referred.' }
		});
		expect(parseReferral({ clientId: 'client-2', date: today }, today, clients)).toEqual({ ok: false, errors: { clientId: 'Choose one of your clients.' } });
		expect(parseReferral({ clientId: '', date: '2027-01-01' }, today, clients)).toEqual({
			ok: false,
			errors: { clientId: 'Choose the client who was referred.', date: "The referral can't be in the future." }
		});
	});
});

describe('follow-up setting', () => {
	it('takes 5, 6 or 7 days only', () => {
		expect(parseFollowUpDays('6')).toEqual({ ok: true, data: 6 });
		expect(parseFollowUpDays('14')).toEqual({ ok: false, errors: { followUpDays: 'Choose 5, 6 or 7 days.' } });
	});
});
