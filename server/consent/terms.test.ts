import { describe, expect, it } from 'vitest';
import { parseConsentForm, parseProviders, type ConsentForm } from './terms.ts';

const options = { knownKinds: ['progress_log'], knownDocumentIds: ['d1', 'd2'], accountName: 'Carla Client', today: '2026-11-22' };
const valid: ConsentForm = {
	scope: 'kinds',
	kinds: ['progress_log'],
	documentIds: [],
	recipientsMode: 'per-link',
	providers: '',
	purpose: 'Coordinating my care with my physician.',
	expiresOn: '2027-11-22',
	expiryEvent: '',
	coEditing: true,
	read: true,
	signatureName: '  carla   CLIENT '
};

describe('parseConsentForm', () => {
	it('accepts a complete form and normalises the signature', () => {
		const result = parseConsentForm(valid, options);
		expect(result).toEqual({
			ok: true,
			terms: {
				information: { scope: 'kinds', kinds: ['progress_log'] },
				recipients: { mode: 'per-link' },
				purpose: 'Coordinating my care with my physician.',
				expiresOn: '2027-11-22',
				expiryEvent: null,
				coEditing: true,
				signatureName: 'carla CLIENT'
			}
		});
	});

	it.each<[string, Partial<ConsentForm>, string]>([
		['no kinds', { kinds: [] }, 'kinds'],
		['an unknown kind', { kinds: ['progress_log', 'medical_record'] }, 'kinds'],
		['a document that is not theirs', { scope: 'documents', documentIds: ['d1', 'someone-elses'] }, 'documentIds'],
		['no scope', { scope: '' }, 'scope'],
		['named providers left empty', { recipientsMode: 'named', providers: '  \n ' }, 'providers'],
		['a provider line with no name', { recipientsMode: 'named', providers: ', physician' }, 'providers'],
		['a short purpose', { purpose: 'care' }, 'purpose'],
		['an end date today', { expiresOn: '2026-11-22' }, 'expiresOn'],
		['an end date past three years', { expiresOn: '2029-11-23' }, 'expiresOn'],
		['a malformed end date', { expiresOn: '22/11/2027' }, 'expiresOn'],
		['an impossible end date', { expiresOn: '2027-02-30' }, 'expiresOn'],
		['not confirming it was read', { read: false }, 'read'],
		['someone else’s name as signature', { signatureName: 'Tess Trainer' }, 'signatureName']
	])('refuses %s', (_case, change, field) => {
		const result = parseConsentForm({ ...valid, ...change }, options);
		expect(result.ok).toBe(false);
		expect(result.ok ? {} : result.errors).toHaveProperty(field);
	});

	it('accepts named documents and named providers', () => {
		const result = parseConsentForm(
			{ ...valid, scope: 'documents', documentIds: ['d2'], recipientsMode: 'named', providers: 'Dr Ada Reyes, physician, Lakeside, East\nSam Ode' },
			options
		);
		expect(result.ok && result.terms.information).toEqual({ scope: 'documents', documentIds: ['d2'] });
		expect(result.ok && result.terms.recipients).toEqual({
			mode: 'named',
			providers: [
				{ name: 'Dr Ada Reyes', role: 'physician', practice: 'Lakeside, East' },
				{ name: 'Sam Ode', role: '', practice: '' }
			]
		});
	});
});

describe('parseProviders', () => {
	it('skips blank lines', () => {
		expect(parseProviders('\nA, b\n\n')).toEqual([{ name: 'A', role: 'b', practice: '' }]);
	});
});
