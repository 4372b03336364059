import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { todayOf } from './dates.ts';
import { completeFollowUp, daysOverdue, describeDue, followUpAgenda, pendingFollowUps } from './follow-ups.ts';
import { addProvider, logTouchpoint, readPractice, undoTouchpoint, updateProvider } from './practice-doc.ts';
import { fixedClock, providerFields, testEnv } from './testing/fixtures.ts';

const clock = fixedClock('2026-11-20T08:00:00');
const today = todayOf(clock);

/** A practice with providers whose follow-ups fall due on the given dates. */
function practiceWithDueDates(dues: Record<string, string>) {
	const doc = new Y.Doc();
	const env = testEnv(clock);
	const ids: Record<string, string> = {};
	for (const [name, due] of Object.entries(dues)) {
		ids[name] = addProvider(doc, providerFields({ name }), env);
		logTouchpoint(doc, { providerId: ids[name], kind: 'letter_email', date: '2026-11-01', outcome: '', next: { due, kind: 'call', note: '' } }, env);
	}
	return { doc, env, ids };
}

describe('overdue ordering', () => {
	it('puts the most overdue first, then by name on the same day', () => {
		const { doc } = practiceWithDueDates({
			'Dr Due Today': '2026-11-20',
			'Dr Week Late': '2026-11-13',
			'Dr Next Week': '2026-11-27',
			'Dr Another Today': '2026-11-20',
			'Dr Day Late': '2026-11-19'
		});
		const order = pendingFollowUps(readPractice(doc)).map((f) => [f.provider.name, describeDue(f, today)]);
		expect(order).toEqual([
			['Dr Week Late', '7 days overdue'],
			['Dr Day Late', '1 day overdue'],
			['Dr Another Today', 'Due today'],
			['Dr Due Today', 'Due today'],
			['Dr Next Week', 'Due in 7 days']
		]);
	});

	it('splits the agenda into due (today or late) and coming up within two weeks', () => {
		const { doc } = practiceWithDueDates({ Late: '2026-11-18', Today: '2026-11-20', Tomorrow: '2026-11-21', Far: '2026-12-20' });
		const agenda = followUpAgenda(readPractice(doc), today);
		expect(agenda.due.map((f) => f.provider.name)).toEqual(['Late', 'Today']);
		expect(agenda.upcoming.map((f) => [f.provider.name, describeDue(f, today)])).toEqual([['Tomorrow', 'Due tomorrow']]);
	});

	it('counts days by the calendar, not by 24-hour periods', () => {
		expect(daysOverdue({ due: '2026-03-28' }, '2026-03-30')).toBe(2);
		expect(daysOverdue({ due: '2026-11-01' }, '2026-10-31')).toBe(-1);
	});

	it('leaves out inactive providers and lists active ones with no next step', () => {
		const { doc, env, ids } = practiceWithDueDates({ Dormant: '2026-11-10' });
		updateProvider(doc, ids.Dormant ?? '', { stage: 'inactive' });
		const quiet = addProvider(doc, providerFields({ name: 'Dr Quiet', stage: 'meeting_held' }), env);
		addProvider(doc, providerFields({ name: 'Dr Still Researching' }), env);
		const agenda = followUpAgenda(readPractice(doc), today);
		expect(agenda.due).toEqual([]);
		expect(agenda.unplanned.map((p) => p.id)).toEqual([quiet]);
	});
});

describe('settling a follow-up', () => {
	it('one-click done logs the planned touchpoint today and clears the follow-up', () => {
		const { doc, env, ids } = practiceWithDueDates({ 'Dr Reyes': '2026-11-18' });
		const done = completeFollowUp(doc, ids['Dr Reyes'] ?? '', today, env);
		expect(done).toMatchObject({ firstContact: false, next: null });
		const practice = readPractice(doc);
		expect(practice.touchpoints[0]).toMatchObject({ kind: 'call', date: today, source: 'follow_up', outcome: 'Done.' });
		expect(pendingFollowUps(practice)).toEqual([]);
	});

	it('a touchpoint logged by hand after the plan settles it too', () => {
		const { doc, env, ids } = practiceWithDueDates({ 'Dr Reyes': '2026-11-18' });
		logTouchpoint(doc, { providerId: ids['Dr Reyes'] ?? '', kind: 'visit', date: '2026-11-19', outcome: 'Met in person.', next: null }, env);
		expect(pendingFollowUps(readPractice(doc))).toEqual([]);
	});

	it('a backdated touchpoint before the plan leaves it in place', () => {
		const { doc, env, ids } = practiceWithDueDates({ 'Dr Reyes': '2026-11-18' });
		logTouchpoint(doc, { providerId: ids['Dr Reyes'] ?? '', kind: 'call', date: '2026-10-15', outcome: 'Old call, typed in late.', next: null }, env);
		expect(pendingFollowUps(readPractice(doc)).map((f) => f.due)).toEqual(['2026-11-18']);
	});

	it('undo brings the follow-up and the stage back', () => {
		const { doc, env, ids } = practiceWithDueDates({ 'Dr Reyes': '2026-11-18' });
		const providerId = ids['Dr Reyes'] ?? '';
		const before = readPractice(doc).providers[0]?.stage;
		logTouchpoint(doc, { providerId, kind: 'call', date: '2026-11-02', outcome: '', next: { due: '2026-11-18', kind: 'visit', note: 'Book a visit.' } }, env);
		const stageWithPlan = readPractice(doc).providers[0]?.stage;
		const done = completeFollowUp(doc, providerId, today, env);
		expect(done?.stage).toBe('meeting_held');
		if (done) undoTouchpoint(doc, done);
		const practice = readPractice(doc);
		expect(pendingFollowUps(practice).map((f) => [f.kind, f.due])).toEqual([['visit', '2026-11-18']]);
		expect(practice.providers[0]?.stage).toBe(stageWithPlan);
		expect(before).toBe('first_contact');
	});

	it('answers null for a follow-up already settled elsewhere', () => {
		const { doc, env, ids } = practiceWithDueDates({ 'Dr Reyes': '2026-11-18' });
		completeFollowUp(doc, ids['Dr Reyes'] ?? '', today, env);
		expect(completeFollowUp(doc, ids['Dr Reyes'] ?? '', today, env)).toBeNull();
	});

	it('done on a planned referral thank-you plans nothing more', () => {
		const doc = new Y.Doc();
		const env = testEnv(clock);
		const providerId = addProvider(doc, providerFields({ stage: 'referring' }), env);
		logTouchpoint(doc, { providerId, kind: 'referral_received', date: '2026-11-19', outcome: '' }, env);
		expect(pendingFollowUps(readPractice(doc)).map((f) => [f.kind, f.due])).toEqual([['thank_you', '2026-11-21']]);
		completeFollowUp(doc, providerId, today, env);
		expect(readPractice(doc).touchpoints[0]).toMatchObject({ kind: 'thank_you', outcome: 'Done: Thank them for the referral.' });
		expect(pendingFollowUps(readPractice(doc))).toEqual([]);
	});
});
