import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pendingFollowUps } from './follow-ups.ts';
import {
	addProvider,
	archiveProvider,
	likelyDuplicates,
	logTouchpoint,
	mergeProviders,
	purgeTrashedProviders,
	readPractice,
	recordReferral,
	restoreProvider,
	trashProvider,
	updateReferral,
	updateTouchpoint
} from './practice-doc.ts';
import { fixedClock, providerFields, testEnv } from './testing/fixtures.ts';

const clock = fixedClock('2026-11-20T09:00:00');

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('archive and trash of a provider', () => {
	it('hides an archived provider from the directory and the follow-ups, keeps its history, and restores it', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const id = addProvider(doc, providerFields(), env);
		logTouchpoint(doc, { providerId: id, kind: 'letter_email', date: '2026-11-19', outcome: 'Intro letter' }, env);
		expect(pendingFollowUps(readPractice(doc))).toHaveLength(1);

		archiveProvider(doc, id, env);
		const archived = readPractice(doc);
		expect(archived.providers).toEqual([]);
		expect(archived.archivedProviders.map((p) => p.id)).toEqual([id]);
		expect(archived.touchpoints).toHaveLength(1);
		expect(pendingFollowUps(archived)).toEqual([]);

		restoreProvider(doc, id);
		expect(readPractice(doc).providers.map((p) => p.id)).toEqual([id]);
	});

	it('keeps a trashed provider 30 days, then purges it with its records', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const id = addProvider(doc, providerFields(), env);
		recordReferral(doc, { providerId: id, clientId: null, personName: 'Ola', date: '2026-11-19', note: '' }, env);
		trashProvider(doc, id, env);
		expect(readPractice(doc).trashedProviders.map((p) => p.id)).toEqual([id]);
		expect(readPractice(doc).referrals).toEqual([]);

		expect(purgeTrashedProviders(doc, new Date(Date.parse('2026-12-20T08:59:59')))).toEqual([]);
		expect(purgeTrashedProviders(doc, new Date(Date.parse('2026-12-20T09:00:00')))).toEqual([id]);
		expect(doc.getMap('providers').size).toBe(0);
		expect(doc.getMap('touchpoints').size).toBe(0);
		expect(doc.getMap('referrals').size).toBe(0);
	});
});

describe('merging duplicate directory entries', () => {
	it('keeps both histories, fills blanks, and follows touchpoints another device logs against the duplicate', () => {
		const laptop = new Y.Doc();
		const phone = new Y.Doc();
		// The same physician added on two devices while both were offline.
		const a = addProvider(laptop, providerFields({ phone: '', notes: 'Met at the CME evening.' }), testEnv(clock, 'laptop'));
		logTouchpoint(laptop, { providerId: a, kind: 'letter_email', date: '2026-11-10', outcome: 'Intro letter' }, testEnv(clock, 'laptop-t'));
		const b = addProvider(
			phone,
			providerFields({ name: 'dr ana reyes', phone: '(555) 010-9999', notes: 'Prefers fax.', stage: 'follow_up' }),
			testEnv(clock, 'phone')
		);
		logTouchpoint(phone, { providerId: b, kind: 'call', date: '2026-11-12', outcome: 'Spoke to Pat' }, testEnv(clock, 'phone-t'));
		sync(laptop, phone);

		const practice = readPractice(laptop);
		const keep = practice.providers.find((p) => p.id === a);
		expect(keep && likelyDuplicates(practice.providers, keep).map((p) => p.id)).toEqual([b]);

		expect(mergeProviders(laptop, a, b)).toBe(true);
		// Before the merge reaches it, the phone logs one more touchpoint against the duplicate.
		logTouchpoint(phone, { providerId: b, kind: 'visit', date: '2026-11-18', outcome: 'Lunch' }, testEnv(clock, 'phone-late'));
		sync(laptop, phone);

		for (const doc of [laptop, phone]) {
			const merged = readPractice(doc);
			expect(merged.providers.map((p) => p.id)).toEqual([a]);
			expect(merged.providers[0]).toMatchObject({ phone: '(555) 010-9999', notes: 'Met at the CME evening.\n\nPrefers fax.', stage: 'follow_up' });
			expect(merged.touchpoints.map((t) => [t.providerId, t.outcome])).toEqual([
				[a, 'Lunch'],
				[a, 'Spoke to Pat'],
				[a, 'Intro letter']
			]);
		}
	});

	it('refuses to merge an entry into itself or into one already merged', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const a = addProvider(doc, providerFields(), env);
		const b = addProvider(doc, providerFields(), env);
		expect(mergeProviders(doc, a, a)).toBe(false);
		expect(mergeProviders(doc, a, b)).toBe(true);
		expect(mergeProviders(doc, b, a)).toBe(false);
	});
});

describe('correcting touchpoints and referrals', () => {
	it('edits every field of a touchpoint, next step included', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const id = addProvider(doc, providerFields(), env);
		const logged = logTouchpoint(doc, { providerId: id, kind: 'call', date: '2026-11-19', outcome: 'Left a mesage' }, env);
		expect(logged).not.toBeNull();
		updateTouchpoint(doc, logged?.touchpointId ?? '', {
			kind: 'visit',
			date: '2026-11-18',
			outcome: 'Left a message',
			next: { kind: 'call', due: '2026-11-25', note: 'Ask Pat' }
		});
		expect(readPractice(doc).touchpoints[0]).toMatchObject({
			kind: 'visit',
			date: '2026-11-18',
			outcome: 'Left a message',
			next: { kind: 'call', due: '2026-11-25', note: 'Ask Pat' }
		});
		updateTouchpoint(doc, logged?.touchpointId ?? '', { kind: 'visit', date: '2026-11-18', outcome: 'Left a message', next: null });
		expect(readPractice(doc).touchpoints[0]?.next).toBeNull();
	});

	it('edits a referral and moves its touchpoint to the new date', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const id = addProvider(doc, providerFields(), env);
		const recorded = recordReferral(doc, { providerId: id, clientId: null, personName: 'Ola', date: '2026-11-19', note: '' }, env);
		updateReferral(doc, recorded?.referralId ?? '', { clientId: null, personName: 'Ola Nordmann', date: '2026-11-17', note: 'Knee' });
		const practice = readPractice(doc);
		expect(practice.referrals[0]).toMatchObject({ personName: 'Ola Nordmann', date: '2026-11-17', note: 'Knee' });
		expect(practice.touchpoints[0]).toMatchObject({ kind: 'referral_received', date: '2026-11-17', outcome: 'Referred Ola Nordmann.' });
	});
});
