import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { todayOf } from './dates.ts';
import { directoryQueryFrom, searchDirectory } from './directory.ts';
import { providersPerStage, referralsPerMonth, topReferrers } from './overview.ts';
import { addProvider, logTouchpoint, readPractice, recordReferral } from './practice-doc.ts';
import { fixedClock, providerFields, testEnv } from './testing/fixtures.ts';

const clock = fixedClock('2026-11-20T09:00:00');
const today = todayOf(clock);

function samplePractice() {
	const doc = new Y.Doc();
	const env = testEnv(clock);
	const reyes = addProvider(doc, providerFields({ name: 'Dr Ana Reyes', stage: 'referring' }), env);
	const lind = addProvider(
		doc,
		providerFields({
			name: 'Bo Lind',
			role: 'physical_therapist',
			specialty: 'Vestibular rehab',
			practiceName: 'Balance PT',
			officeManagerName: 'Sam Ode',
			stage: 'follow_up'
		}),
		env
	);
	const cruz = addProvider(
		doc,
		providerFields({
			name: 'Dr Eli Cruz',
			role: 'chiropractor',
			specialty: 'Spine',
			practiceName: 'Cruz Chiropractic',
			officeManagerName: '',
			stage: 'researching'
		}),
		env
	);
	logTouchpoint(doc, { providerId: reyes, kind: 'visit', date: '2026-11-18', outcome: '', next: null }, env);
	logTouchpoint(doc, { providerId: lind, kind: 'call', date: '2026-10-01', outcome: '', next: { due: '2026-11-25', kind: 'call', note: '' } }, env);
	recordReferral(doc, { providerId: reyes, clientId: 'c1', personName: 'Carl Client', date: '2026-11-02', note: '' }, env);
	recordReferral(doc, { providerId: reyes, clientId: null, personName: 'Jo Park', date: '2026-09-14', note: '' }, env);
	recordReferral(doc, { providerId: lind, clientId: null, personName: 'Old Referral', date: '2025-10-31', note: '' }, env);
	return { doc, reyes, lind, cruz, practice: readPractice(doc) };
}

describe('the directory', () => {
	it('searches every word across name, practice, specialty and office manager', () => {
		const { practice } = samplePractice();
		const names = (q: string) => searchDirectory(practice, directoryQueryFrom(new URLSearchParams({ q })), today).map((r) => r.provider.name);
		expect(names('vestibular')).toEqual(['Bo Lind']);
		expect(names('sam balance')).toEqual(['Bo Lind']);
		expect(names('dr')).toEqual(['Dr Ana Reyes', 'Dr Eli Cruz']);
		expect(names('nobody')).toEqual([]);
	});

	it('filters by stage and by role', () => {
		const { practice } = samplePractice();
		const names = (params: Record<string, string>) =>
			searchDirectory(practice, directoryQueryFrom(new URLSearchParams(params)), today).map((r) => r.provider.name);
		// A recorded referral moved Bo Lind from follow-up to referring.
		expect(names({ stage: 'referring' })).toEqual(['Bo Lind', 'Dr Ana Reyes']);
		expect(names({ stage: 'follow_up' })).toEqual([]);
		expect(names({ role: 'chiropractor' })).toEqual(['Dr Eli Cruz']);
		expect(names({ role: 'physician', stage: 'researching' })).toEqual([]);
		expect(names({ role: 'wizard', stage: 'unknown' })).toHaveLength(3);
	});

	it('shows days since last contact, the next follow-up and referrals, and sorts by them', () => {
		const { practice } = samplePractice();
		const rows = searchDirectory(practice, directoryQueryFrom(new URLSearchParams({ sort: 'quietest' })), today);
		expect(rows.map((r) => [r.provider.name, r.daysSinceContact, r.followUp?.due ?? null, r.referrals])).toEqual([
			['Dr Eli Cruz', null, null, 0],
			['Bo Lind', 50, '2026-11-25', 1],
			// Recording a referral logs a touchpoint on its date, and plans the thank-you.
			['Dr Ana Reyes', 2, null, 2]
		]);
		const byFollowUp = searchDirectory(practice, directoryQueryFrom(new URLSearchParams({ sort: 'next_follow_up' })), today);
		expect(byFollowUp[0]?.provider.name).toBe('Bo Lind');
	});
});

describe('the practice overview', () => {
	it('counts providers per stage', () => {
		expect(providersPerStage(samplePractice().practice)).toEqual({
			researching: 1,
			first_contact: 0,
			follow_up: 0,
			meeting_held: 0,
			referring: 2,
			inactive: 0
		});
	});

	it('counts referrals per month over the last twelve months, oldest first', () => {
		const series = referralsPerMonth(samplePractice().practice, today);
		expect(series).toHaveLength(12);
		expect(series[0]).toEqual({ month: '2025-12', count: 0 });
		expect(series.filter((m) => m.count > 0)).toEqual([
			{ month: '2026-09', count: 1 },
			{ month: '2026-11', count: 1 }
		]);
		expect(referralsPerMonth(samplePractice().practice, '2026-01-05', 3).map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01']);
	});

	it('ranks the top referrers', () => {
		expect(topReferrers(samplePractice().practice).map((r) => [r.name, r.count])).toEqual([
			['Dr Ana Reyes', 2],
			['Bo Lind', 1]
		]);
	});
});
