import { addDays, type IsoDate } from './dates.ts';
import type { NextStep, PracticeSettings, Touchpoint } from './types.ts';
import { stages, type Stage, type TouchpointKind } from './vocabulary.ts';

// The rules of consistent contact. A first contact without a follow-up is the way most trainers
// lose a provider, so it always gets one; a referral always gets a thank-you.

export const FOLLOW_UP_DAY_CHOICES = [5, 6, 7] as const;
export const DEFAULT_FOLLOW_UP_DAYS = 7;
/** A referral is thanked within this many days. */
export const THANK_YOU_WITHIN_DAYS = 2;

export function followUpDays(settings: PracticeSettings): number {
	const days = settings.followUpDays;
	return (FOLLOW_UP_DAY_CHOICES as readonly number[]).includes(days) ? days : DEFAULT_FOLLOW_UP_DAYS;
}

/** A touchpoint is the first contact when the provider has no other touchpoint on or before its date. */
export function isFirstContact(kind: TouchpointKind, date: IsoDate, others: readonly Pick<Touchpoint, 'date'>[]): boolean {
	// The provider reached out to us: not the trainer's first contact, which is always followed up.
	if (kind === 'referral_received' || kind === 'provider_reply') return false;
	return !others.some((touchpoint) => touchpoint.date <= date);
}

/**
 * The next step the rules give a touchpoint, or null when they leave it to the trainer. The form
 * offers this as its default; a one-click "done" and a touchpoint recorded by another action use it
 * as it is.
 */
export function suggestNextStep(touchpoint: { kind: TouchpointKind; date: IsoDate; firstContact: boolean }, settings: PracticeSettings): NextStep | null {
	if (touchpoint.kind === 'referral_received') {
		return { due: addDays(touchpoint.date, THANK_YOU_WITHIN_DAYS), kind: 'thank_you', note: 'Thank them for the referral.' };
	}
	if (touchpoint.kind === 'event_attended') {
		// Someone who came to an event is warm for a few days: the call that follows is the usual one.
		return { due: addDays(touchpoint.date, followUpDays(settings)), kind: 'call', note: 'Follow up on the event they came to.' };
	}
	if (touchpoint.kind === 'client_appointment') {
		return { due: addDays(touchpoint.date, THANK_YOU_WITHIN_DAYS), kind: 'thank_you', note: 'Thank them for having you at the appointment.' };
	}
	if (touchpoint.firstContact) {
		return { due: addDays(touchpoint.date, followUpDays(settings)), kind: 'call', note: 'Follow up on the first contact.' };
	}
	return null;
}

const STAGE_REACHED: Record<TouchpointKind, Stage> = {
	letter_email: 'follow_up',
	call: 'follow_up',
	progress_report: 'follow_up',
	thank_you: 'follow_up',
	visit: 'meeting_held',
	lunch_and_learn: 'meeting_held',
	referral_received: 'referring',
	// They answered a report: the relationship is in follow-up, as after a call.
	provider_reply: 'follow_up',
	// Met in person, at an event or at a client's appointment.
	event_attended: 'meeting_held',
	client_appointment: 'meeting_held'
};

/**
 * The stage after a touchpoint: relationships only move forward on their own. An inactive provider
 * stays inactive (the trainer decided that) unless they send a referral.
 */
export function advanceStage(current: Stage, kind: TouchpointKind, firstContact: boolean): Stage {
	const reached: Stage = firstContact && STAGE_REACHED[kind] !== 'meeting_held' ? 'first_contact' : STAGE_REACHED[kind];
	if (current === 'inactive') return reached === 'referring' ? 'referring' : 'inactive';
	return stages.indexOf(reached) > stages.indexOf(current) ? reached : current;
}
