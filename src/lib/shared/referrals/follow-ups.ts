import * as Y from 'yjs';
import { suggestNextStep } from './cadence.ts';
import { daysBetween, type IsoDate } from './dates.ts';
import { byRecency, logTouchpoint, readPractice, type LoggedTouchpoint } from './practice-doc.ts';
import type { Env, NextStep, Practice, Provider, Touchpoint } from './types.ts';

/**
 * A follow-up is the next step of a provider's most recent touchpoint. It is derived, not stored:
 * logging any later touchpoint (a one-click "done", or a call typed in by hand) settles it, and two
 * devices that have seen the same touchpoints agree on it without coordinating.
 */
export interface FollowUp extends NextStep {
	provider: Provider;
	/** The touchpoint that planned it: a stable id for calendars. */
	fromTouchpointId: string;
}

export function latestTouchpoint(touchpoints: readonly Touchpoint[], providerId: string): Touchpoint | undefined {
	let latest: Touchpoint | undefined;
	for (const touchpoint of touchpoints) {
		if (touchpoint.providerId === providerId && (!latest || byRecency(touchpoint, latest) < 0)) latest = touchpoint;
	}
	return latest;
}

/** Each provider's most recent touchpoint, in one pass: a practice may hold thousands of touchpoints. */
export function latestTouchpoints(touchpoints: readonly Touchpoint[]): Map<string, Touchpoint> {
	const latest = new Map<string, Touchpoint>();
	for (const touchpoint of touchpoints) {
		const current = latest.get(touchpoint.providerId);
		if (!current || byRecency(touchpoint, current) < 0) latest.set(touchpoint.providerId, touchpoint);
	}
	return latest;
}

/** Every planned follow-up, inactive providers excepted, ordered by due date (most overdue first). */
export function pendingFollowUps(practice: Practice): FollowUp[] {
	const followUps: FollowUp[] = [];
	const latestOf = latestTouchpoints(practice.touchpoints);
	for (const provider of practice.providers) {
		if (provider.stage === 'inactive') continue;
		const latest = latestOf.get(provider.id);
		if (latest?.next) followUps.push({ ...latest.next, provider, fromTouchpointId: latest.id });
	}
	return followUps.sort(byOverdue);
}

/** Oldest due date first; then by provider name, then id, so the order never flickers between devices. */
export function byOverdue(a: FollowUp, b: FollowUp): number {
	if (a.due !== b.due) return a.due < b.due ? -1 : 1;
	return a.provider.name.localeCompare(b.provider.name) || (a.provider.id < b.provider.id ? -1 : a.provider.id > b.provider.id ? 1 : 0);
}

/** Positive: days late; 0: due today; negative: days still to go. */
export function daysOverdue(followUp: Pick<FollowUp, 'due'>, today: IsoDate): number {
	return daysBetween(followUp.due, today);
}

export interface FollowUpAgenda {
	/** Due today or late, most overdue first. */
	due: FollowUp[];
	/** Due within the coming `horizonDays`, soonest first. */
	upcoming: FollowUp[];
	/** Providers in an active stage with no next step planned: the ones about to be forgotten. */
	unplanned: Provider[];
}

export const UPCOMING_HORIZON_DAYS = 14;

export function followUpAgenda(practice: Practice, today: IsoDate, horizonDays = UPCOMING_HORIZON_DAYS): FollowUpAgenda {
	const pending = pendingFollowUps(practice);
	const planned = new Set(pending.map((f) => f.provider.id));
	return {
		due: pending.filter((f) => daysOverdue(f, today) >= 0),
		upcoming: pending.filter((f) => daysOverdue(f, today) < 0 && -daysOverdue(f, today) <= horizonDays),
		unplanned: practice.providers.filter((p) => !planned.has(p.id) && p.stage !== 'inactive' && p.stage !== 'researching')
	};
}

export function followUpOf(practice: Practice, providerId: string): FollowUp | undefined {
	return pendingFollowUps(practice).find((f) => f.provider.id === providerId);
}

/** How late, in words a trainer reads at a glance. */
export function describeDue(followUp: Pick<FollowUp, 'due'>, today: IsoDate): string {
	const days = daysOverdue(followUp, today);
	if (days === 0) return 'Due today';
	if (days === 1) return '1 day overdue';
	if (days > 1) return `${days} days overdue`;
	if (days === -1) return 'Due tomorrow';
	return `Due in ${-days} days`;
}

/**
 * One-click "done": logs the planned touchpoint as happening today and lets the cadence rules plan
 * what comes after it. Null when the follow-up is no longer current (settled on another device).
 */
export function completeFollowUp(doc: Y.Doc, providerId: string, today: IsoDate, env?: Env): (LoggedTouchpoint & { providerId: string }) | null {
	const practice = readPractice(doc);
	const followUp = followUpOf(practice, providerId);
	if (!followUp) return null;
	const next = suggestNextStep({ kind: followUp.kind, date: today, firstContact: false }, practice.settings);
	const logged = logTouchpoint(
		doc,
		{ providerId, kind: followUp.kind, date: today, outcome: followUp.note ? `Done: ${followUp.note}` : 'Done.', next, source: 'follow_up' },
		env
	);
	return logged && { ...logged, providerId };
}
