import { describe, expect, it } from 'vitest';
import { consentFormStart, consentRequest, consentRequestPath, type CurrentTerms } from './request.ts';

const allKinds = ['progress_log', 'progress_report', 'discharge_summary', 'blank'];
const defaults = { kinds: ['progress_report', 'discharge_summary'], purpose: 'Coordinating my care.' };
const request = consentRequest({ name: 'Dr Ada Reyes', role: 'physician', practiceName: 'Lakeside Family Medicine' });

describe('a consent request', () => {
	it('names the provider as a line of the form and a purpose, and its address carries ids only', () => {
		expect(request.providerLine).toBe('Dr Ada Reyes, physician, Lakeside Family Medicine');
		expect(request.purpose).toContain('Dr Ada Reyes');
		expect(consentRequestPath('client-1', 'provider-9')).toBe('/my/consent/client-1?request=progress_report&provider=provider-9');
	});

	it('starts a first consent from the defaults with that provider named', () => {
		expect(consentFormStart(null, defaults, allKinds, request)).toEqual({
			scope: 'kinds',
			kinds: ['progress_report', 'discharge_summary'],
			documentIds: [],
			recipientsMode: 'named',
			providers: 'Dr Ada Reyes, physician, Lakeside Family Medicine',
			purpose: request.purpose,
			expiryEvent: '',
			coEditing: true
		});
	});

	it('adds to the consent in force, never removing what the client chose', () => {
		const current: CurrentTerms = {
			information: { scope: 'kinds', kinds: ['progress_log'] },
			recipients: { mode: 'named', providers: [{ name: 'Dr Ben Cole', role: 'physical therapist', practice: '' }] },
			purpose: 'My own words.',
			expiryEvent: 'When my programme ends',
			coEditing: false
		};
		expect(consentFormStart(current, defaults, allKinds, request)).toMatchObject({
			kinds: ['progress_log', 'progress_report'],
			recipientsMode: 'named',
			providers: 'Dr Ben Cole, physical therapist\nDr Ada Reyes, physician, Lakeside Family Medicine',
			expiryEvent: 'When my programme ends',
			coEditing: false
		});
		// Already named (however it was typed): not twice.
		const named = { ...current, recipients: { mode: 'named' as const, providers: [{ name: 'dr  ada reyes', role: '', practice: '' }] } };
		expect(consentFormStart(named, defaults, allKinds, request).providers).toBe('dr  ada reyes');
	});

	it('keeps approval per link, which already lets the client say yes to this provider', () => {
		const current: CurrentTerms = {
			information: { scope: 'documents', documentIds: ['d1'] },
			recipients: { mode: 'per-link' },
			purpose: 'Mine.',
			expiryEvent: null,
			coEditing: true
		};
		expect(consentFormStart(current, defaults, allKinds, request)).toMatchObject({
			scope: 'kinds',
			kinds: ['progress_report', 'discharge_summary'],
			recipientsMode: 'per-link',
			providers: ''
		});
	});

	it('without a request, starts from the consent in force as it is', () => {
		const current: CurrentTerms = {
			information: { scope: 'documents', documentIds: ['d1'] },
			recipients: { mode: 'per-link' },
			purpose: 'Mine.',
			expiryEvent: null,
			coEditing: true
		};
		expect(consentFormStart(current, defaults, allKinds, null)).toMatchObject({
			scope: 'documents',
			documentIds: ['d1'],
			recipientsMode: 'per-link',
			purpose: 'Mine.'
		});
		expect(consentFormStart(null, defaults, allKinds, null)).toMatchObject({ recipientsMode: 'per-link', providers: '', purpose: 'Coordinating my care.' });
	});
});
