import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { followUpsCalendar } from './calendar.ts';
import { pendingFollowUps } from './follow-ups.ts';
import { addProvider, logTouchpoint, readPractice } from './practice-doc.ts';
import { fixedClock, providerFields, testEnv } from './testing/fixtures.ts';

const clock = fixedClock('2026-11-20T09:00:00');

function parseEvents(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	return { calendar, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) };
}

function practiceWithTwoFollowUps() {
	const doc = new Y.Doc();
	const env = testEnv(clock);
	const reyes = addProvider(doc, providerFields({ name: 'Dr Ana Reyes', practiceName: 'Riverside; Orthopaedics, LLC' }), env);
	const lind = addProvider(doc, providerFields({ name: 'Bo Lind', role: 'physical_therapist', practiceName: '', address: '', officeManagerName: '' }), env);
	logTouchpoint(doc, { providerId: reyes, kind: 'letter_email', date: '2026-11-13', outcome: '' }, env);
	logTouchpoint(
		doc,
		{
			providerId: lind,
			kind: 'visit',
			date: '2026-11-19',
			outcome: '',
			next: { due: '2026-12-01', kind: 'lunch_and_learn', note: 'Bring the\nbalance-training handout.' }
		},
		env
	);
	return { doc, reyes, lind, followUps: pendingFollowUps(readPractice(doc)) };
}

describe('the follow-ups calendar', () => {
	it('parses back as all-day events on the due dates, with stable UIDs', () => {
		const { followUps } = practiceWithTwoFollowUps();
		const ics = followUpsCalendar(followUps, { now: clock(), providerUrl: (id) => `https://bridgework.example/providers/${id}` });
		const { calendar, events } = parseEvents(ics);

		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Bridgework follow-ups');
		expect(events).toHaveLength(2);
		const [reyes, lind] = events;
		expect(reyes?.summary).toBe('Call Dr Ana Reyes, Riverside; Orthopaedics, LLC');
		expect(reyes?.startDate.isDate).toBe(true);
		expect(reyes?.startDate.toString()).toBe('2026-11-20');
		expect(reyes?.endDate.toString()).toBe('2026-11-21');
		expect(reyes?.uid).toBe(`follow-up-${followUps[0]?.fromTouchpointId}@bridgework`);
		expect(reyes?.location).toBe('12 River Road, Springfield');
		expect(reyes?.description).toContain('Office manager: Pat Quinn, (555) 010-2001');
		expect(reyes?.description).toContain(`Open in Bridgework: https://bridgework.example/providers/${followUps[0]?.provider.id}`);
		expect(reyes?.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');

		expect(lind?.summary).toBe('Lunch-and-learn with Bo Lind');
		expect(lind?.startDate.toString()).toBe('2026-12-01');
		expect(lind?.description.split('\n').slice(0, 2)).toEqual(['Bring the', 'balance-training handout.']);
		expect(lind?.location).toBeNull();
	});

	it('stamps events with the injected clock', () => {
		const { followUps } = practiceWithTwoFollowUps();
		const { events } = parseEvents(followUpsCalendar(followUps, { now: new Date('2026-11-20T10:00:00Z') }));
		expect(events[0]?.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-20T10:00:00Z');
		expect(events[0]?.description).not.toContain('Open in Bridgework');
	});

	it('is a valid empty calendar when nothing is planned', () => {
		const { calendar, events } = parseEvents(followUpsCalendar([], { now: clock() }));
		expect(calendar.name).toBe('vcalendar');
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
		expect(events).toEqual([]);
	});
});
