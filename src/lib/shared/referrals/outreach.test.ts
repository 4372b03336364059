import { describe, expect, it } from 'vitest';
import { documentKinds } from '../practice/document-kinds.ts';
import {
	chooseProvider,
	fillFromDirectory,
	isLetterKind,
	letterTouchpoint,
	pickerLabel,
	PROVIDER_GONE,
	providerFieldsFromTyped,
	sameName,
	shareLinkTouchpoint,
	trainerToday,
	type TypedProvider
} from './outreach.ts';
import { providerFields } from './testing/fixtures.ts';
import type { Provider } from './types.ts';

const provider = (id: string, overrides: Partial<Provider> = {}): Provider => ({
	...providerFields(),
	id,
	createdAt: '2026-11-01T09:00:00.000Z',
	archivedAt: '',
	deletedAt: '',
	...overrides
});
const reyes = provider('p-reyes', { name: 'Dr Ana Reyes' });
const patel = provider('p-patel', { name: 'Dr Anna Patel', role: 'physical_therapist', practiceName: 'Lakeside PT' });
const typed = (overrides: Partial<TypedProvider> = {}): TypedProvider => ({ name: '', role: '', practiceName: '', email: '', ...overrides });

describe('choosing the provider an action’s touchpoint goes to', () => {
	it('takes the provider picked from the directory', () => {
		expect(chooseProvider([reyes, patel], { directoryProviderId: 'p-patel', addToDirectory: true, typed: typed({ name: 'Dr Anna Patel' }) })).toEqual({
			ok: true,
			choice: { kind: 'directory', provider: patel }
		});
	});

	it('refuses a picked provider that is no longer in the directory', () => {
		expect(chooseProvider([reyes], { directoryProviderId: 'p-gone', addToDirectory: true, typed: typed({ name: 'Dr Gone' }) })).toEqual({
			ok: false,
			error: PROVIDER_GONE
		});
	});

	it('adds a typed provider when asked, with what was typed and nothing invented', () => {
		const result = chooseProvider([reyes], {
			directoryProviderId: '',
			addToDirectory: true,
			typed: typed({ name: ' Dr Sam Okafor ', role: 'chiropractor', practiceName: 'Spine Works', email: 'sam@spine.example' })
		});
		expect(result).toEqual({
			ok: true,
			choice: {
				kind: 'new',
				fields: providerFields({
					name: 'Dr Sam Okafor',
					role: 'chiropractor',
					practiceName: 'Spine Works',
					email: 'sam@spine.example',
					specialty: '',
					subspecialty: '',
					address: '',
					phone: '',
					officeManagerName: '',
					officeManagerPhone: '',
					reportPreference: ''
				})
			}
		});
	});

	it('records nothing for a typed provider kept out of the directory, for no provider, or for a directory that cannot be read', () => {
		expect(chooseProvider([reyes], { directoryProviderId: '', addToDirectory: false, typed: typed({ name: 'Dr Sam Okafor' }) })).toEqual({
			ok: true,
			choice: { kind: 'none' }
		});
		expect(chooseProvider([reyes], { directoryProviderId: '', addToDirectory: true, typed: typed({ name: '  ' }) })).toEqual({
			ok: true,
			choice: { kind: 'none' }
		});
		expect(chooseProvider(null, { directoryProviderId: '', addToDirectory: true, typed: typed({ name: 'Dr Sam Okafor' }) })).toEqual({
			ok: true,
			choice: { kind: 'none' }
		});
	});

	it('treats a typed name that is one directory provider’s as that provider, not a second copy', () => {
		for (const addToDirectory of [true, false]) {
			expect(chooseProvider([reyes, patel], { directoryProviderId: '', addToDirectory, typed: typed({ name: 'dr. ana  reyes' }) })).toEqual({
				ok: true,
				choice: { kind: 'directory', provider: reyes }
			});
		}
	});

	it('adds a new provider when the typed name is shared by two in the directory: it cannot tell which', () => {
		const twin = provider('p-reyes-2', { name: 'Dr Ana Reyes', practiceName: 'Hillside Clinic' });
		const result = chooseProvider([reyes, twin], { directoryProviderId: '', addToDirectory: true, typed: typed({ name: 'Dr Ana Reyes' }) });
		expect(result.ok && result.choice.kind).toBe('new');
	});
});

describe('filling a form from the provider picked', () => {
	const names = { name: 'providerName', role: 'providerRole', practiceName: 'providerPractice', email: 'providerEmail' };

	it('fills the blank fields and keeps what the trainer typed', () => {
		const result = fillFromDirectory(
			[reyes, patel],
			{ directoryProviderId: 'p-reyes', providerName: 'Dr Reyes', providerPractice: '', expiry: 'never' },
			names
		);
		expect(result).toEqual({
			ok: true,
			picked: reyes,
			values: {
				directoryProviderId: 'p-reyes',
				providerName: 'Dr Reyes',
				providerRole: 'physician',
				providerPractice: 'Riverside Orthopaedics',
				providerEmail: 'reyes@riverside.example',
				expiry: 'never'
			}
		});
	});

	it('fills only the fields the form has', () => {
		const result = fillFromDirectory([patel], { directoryProviderId: 'p-patel' }, { name: 'providerName', practiceName: 'providerClinic' });
		expect(result.ok && result.values).toEqual({ directoryProviderId: 'p-patel', providerName: 'Dr Anna Patel', providerClinic: 'Lakeside PT' });
	});

	it('changes nothing when nobody was picked, or when the directory could not be read', () => {
		const values = { directoryProviderId: '', providerName: 'Dr Lee' };
		expect(fillFromDirectory([reyes], values, names)).toEqual({ ok: true, values, picked: null });
		const picked = { directoryProviderId: 'p-reyes', providerName: '' };
		expect(fillFromDirectory(null, picked, names)).toEqual({ ok: true, values: picked, picked: null });
	});

	it('refuses a provider that is no longer in the directory', () => {
		expect(fillFromDirectory([patel], { directoryProviderId: 'p-reyes' }, names)).toEqual({ ok: false, error: PROVIDER_GONE });
	});
});

describe('names', () => {
	it.each([
		['Dr. Ana Reyes', 'dr ana reyes', true],
		['Dr Ana  Reyes', 'Dr Ana Reyes', true],
		['Dr Ana Reyes', 'Dr Ana Reyes-Smith', false],
		['', '', false]
	])('%j and %j are the same person: %s', (a, b, same) => {
		expect(sameName(a, b)).toBe(same);
	});

	it('labels a provider with role and practice so namesakes differ', () => {
		expect(pickerLabel(patel)).toBe('Dr Anna Patel (Physical therapist, Lakeside PT)');
		expect(pickerLabel({ name: 'Dr Lee', role: 'other', practiceName: '' })).toBe('Dr Lee (Other)');
	});

	it('fills unknown role as "other" for a typed provider', () => {
		expect(providerFieldsFromTyped(typed({ name: 'Dr Lee' }))).toMatchObject({ name: 'Dr Lee', role: 'other', stage: 'researching' });
	});
});

describe('the touchpoint an action stands for', () => {
	it('a share link is a progress report shared, naming the document', () => {
		expect(shareLinkTouchpoint('Progress report, November', false)).toEqual({
			kind: 'progress_report',
			outcome: 'Shared “Progress report, November” by link.',
			source: 'share_link'
		});
		expect(shareLinkTouchpoint('Progress report', true).outcome).toBe('Shared “Progress report” by link (it opens once the client approves it).');
	});

	it('a letter to a provider is a letter drafted; other documents are no touchpoint', () => {
		expect(letterTouchpoint('intro_letter_physician', 'Letter to Dr Reyes')).toEqual({
			kind: 'letter_email',
			outcome: 'Letter drafted: Letter to Dr Reyes',
			source: 'document'
		});
		expect(letterTouchpoint('referral_form', 'Referral form')?.outcome).toBe('Referral form drafted: Referral form');
		expect(letterTouchpoint('progress_report', 'Report')).toBeNull();
		expect(documentKinds.filter(isLetterKind)).toEqual([
			'intro_letter_physician',
			'intro_letter_physical_therapist',
			'intro_letter_chiropractor',
			'follow_up_letter',
			'referral_form'
		]);
	});
});

describe('the trainer’s date', () => {
	const now = new Date(2026, 10, 20, 12, 0); // 20 November, local noon

	it('takes the date the browser sent when a time zone could give it now', () => {
		for (const date of ['2026-11-19', '2026-11-20', '2026-11-21']) expect(trainerToday(date, now)).toBe(date);
	});

	it.each([undefined, '', 'tomorrow', '2026-11-31', '2026-11-23', '2025-11-20'])('falls back to the server’s date for %j', (submitted) => {
		expect(trainerToday(submitted, now)).toBe('2026-11-20');
	});
});
