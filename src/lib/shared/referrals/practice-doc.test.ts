import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { todayOf } from './dates.ts';
import { completeFollowUp, pendingFollowUps } from './follow-ups.ts';
import { addProvider, deleteProvider, linkReferral, deleteReferral, logTouchpoint, readPractice, recordReferral, updateProvider } from './practice-doc.ts';
import { fixedClock, providerFields, testEnv } from './testing/fixtures.ts';

const clock = fixedClock('2026-11-20T09:00:00');
const today = todayOf(clock);

/** Two or more devices of one trainer: Y.Docs that exchange updates only when told to. */
function devices(count: number) {
	const docs = Array.from({ length: count }, () => new Y.Doc());
	const outbox: Uint8Array[][] = docs.map(() => []);
	docs.forEach((doc, i) => doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && outbox[i]?.push(update)));
	return { docs, outbox };
}

/** A small seeded generator (mulberry32), as Yjs's own tests use, so a failure can be replayed. */
function seeded(seed: number) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffle<T>(items: T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}

/** Delivers every device's pending updates to every other device, in a random order. */
function deliverAll(docs: Y.Doc[], outbox: Uint8Array[][], random: () => number) {
	const messages = outbox.flatMap((updates, from) => updates.splice(0).map((update) => ({ from, update })));
	for (const { from, update } of shuffle(messages, random)) {
		docs.forEach((doc, to) => to !== from && Y.applyUpdate(doc, update, 'remote'));
	}
}

describe('two devices editing the directory offline', () => {
	it('keep both edits to different fields of one provider', () => {
		const { docs, outbox } = devices(2);
		const [laptop, phone] = docs as [Y.Doc, Y.Doc];
		const id = addProvider(laptop, providerFields(), testEnv(clock, 'laptop'));
		deliverAll(docs, outbox, seeded(1));

		updateProvider(laptop, id, { phone: '(555) 010-9999' });
		updateProvider(phone, id, { officeManagerName: 'Robin Vale', stage: 'follow_up' });
		deliverAll(docs, outbox, seeded(2));

		for (const doc of docs) {
			expect(readPractice(doc).providers[0]).toMatchObject({ phone: '(555) 010-9999', officeManagerName: 'Robin Vale', stage: 'follow_up' });
		}
	});

	it('converge on the same practice whatever order 200 random edits arrive in', () => {
		const random = seeded(20261120);
		const { docs, outbox } = devices(3);
		const envs = docs.map((_, i) => testEnv(clock, `device${i}`));
		const names = ['Dr Reyes', 'Bo Lind', 'Dr Cruz', 'Dr Okafor', 'Kim Sato'];
		for (let step = 0; step < 200; step++) {
			const i = Math.floor(random() * docs.length);
			const doc = docs[i] as Y.Doc;
			const env = envs[i] as (typeof envs)[number];
			const providers = readPractice(doc).providers;
			const pick = providers[Math.floor(random() * providers.length)];
			const action = random();
			if (!pick || action < 0.2) addProvider(doc, providerFields({ name: names[Math.floor(random() * names.length)] ?? 'Dr X' }), env);
			else if (action < 0.45) updateProvider(doc, pick.id, { notes: `note ${step}`, phone: `(555) 010-${String(1000 + step)}` });
			else if (action < 0.75)
				logTouchpoint(doc, { providerId: pick.id, kind: 'call', date: `2026-11-${String(1 + (step % 19)).padStart(2, '0')}`, outcome: `step ${step}` }, env);
			else if (action < 0.85) recordReferral(doc, { providerId: pick.id, clientId: null, personName: `Person ${step}`, date: '2026-11-10', note: '' }, env);
			else if (action < 0.9) completeFollowUp(doc, pick.id, today, env);
			else if (action < 0.93) deleteProvider(doc, pick.id);
			// Sync now and then, as a device coming back online does.
			if (random() < 0.15) deliverAll(docs, outbox, random);
		}
		deliverAll(docs, outbox, random);

		const [first, ...rest] = docs.map((doc) => readPractice(doc));
		expect(first?.providers.length).toBeGreaterThan(3);
		expect(first?.touchpoints.length).toBeGreaterThan(20);
		for (const other of rest) expect(other).toEqual(first);
		const dues = docs.map((doc) => pendingFollowUps(readPractice(doc)).map((f) => [f.provider.id, f.due]));
		for (const due of dues) expect(due).toEqual(dues[0]);
	});

	it('drop the touchpoints of a provider deleted on the other device', () => {
		const { docs, outbox } = devices(2);
		const [laptop, phone] = docs as [Y.Doc, Y.Doc];
		const id = addProvider(laptop, providerFields(), testEnv(clock, 'laptop'));
		deliverAll(docs, outbox, seeded(3));
		deleteProvider(laptop, id);
		logTouchpoint(phone, { providerId: id, kind: 'call', date: today, outcome: 'Typed on the phone, offline.' }, testEnv(clock, 'phone'));
		deliverAll(docs, outbox, seeded(4));
		for (const doc of docs) expect(readPractice(doc)).toMatchObject({ providers: [], touchpoints: [], referrals: [] });
	});
});

describe('the practice document', () => {
	it('reads a record with missing or foreign values as blanks, never throwing', () => {
		const doc = new Y.Doc();
		const map = new Y.Map<unknown>();
		doc.getMap<Y.Map<unknown>>('providers').set('p1', map);
		map.set('name', 42);
		map.set('role', 'wizard');
		map.set('stage', 'married');
		const touchpoint = new Y.Map<unknown>();
		doc.getMap<Y.Map<unknown>>('touchpoints').set('t1', touchpoint);
		touchpoint.set('providerId', 'p1');
		touchpoint.set('kind', 'call');
		touchpoint.set('date', 'yesterday');
		expect(readPractice(doc)).toMatchObject({
			providers: [{ id: 'p1', name: '', role: 'other', stage: 'researching' }],
			touchpoints: []
		});
	});

	it('records a referral with its touchpoint and thank-you, and removes both together', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const id = addProvider(doc, providerFields({ stage: 'meeting_held' }), env);
		const recorded = recordReferral(
			doc,
			{ providerId: id, clientId: 'client-1', personName: 'Carl Client', date: today, note: 'Knee replacement, cleared for exercise.' },
			env
		);
		let practice = readPractice(doc);
		expect(practice.providers[0]?.stage).toBe('referring');
		expect(practice.referrals).toMatchObject([{ clientId: 'client-1', touchpointId: recorded?.touchpoint.touchpointId }]);
		expect(practice.touchpoints).toMatchObject([{ kind: 'referral_received', source: 'referral', next: { kind: 'thank_you', due: '2026-11-22' } }]);

		linkReferral(doc, recorded?.referralId ?? '', { clientId: 'client-2', personName: 'Cara Client' });
		expect(readPractice(doc).referrals).toMatchObject([{ clientId: 'client-2', personName: 'Cara Client' }]);

		deleteReferral(doc, recorded?.referralId ?? '');
		practice = readPractice(doc);
		expect(practice.referrals).toEqual([]);
		expect(practice.touchpoints).toEqual([]);
	});

	it('writes only changed fields, so an unchanged save makes no update', () => {
		const doc = new Y.Doc();
		const id = addProvider(doc, providerFields(), testEnv(clock));
		let updates = 0;
		doc.on('update', () => updates++);
		updateProvider(doc, id, providerFields());
		expect(updates).toBe(0);
		updateProvider(doc, id, { notes: 'Prefers faxed reports on Fridays.' });
		expect(updates).toBe(1);
		expect(updateProvider(doc, 'missing', { notes: 'x' })).toBe(false);
	});

	it('refuses to log a touchpoint for a provider that does not exist', () => {
		expect(logTouchpoint(new Y.Doc(), { providerId: 'gone', kind: 'call', date: today, outcome: '' })).toBeNull();
	});
});
