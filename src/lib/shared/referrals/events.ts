import { z } from '../forms/zod.ts';
import { addDays, isIsoDate, type IsoDate } from './dates.ts';
import type { TouchpointInput } from './practice-doc.ts';

// Events a trainer holds for providers, the answers to their invitations, and appointments of a
// client the trainer attends with a provider: the words, limits and forms. Isomorphic: the answer
// page counts characters with the limit the server enforces.

export const eventKinds = ['open_house', 'workshop', 'lunch_and_learn', 'one_on_one_workout'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventKindLabels: Record<EventKind, string> = {
	open_house: 'Open house',
	workshop: 'Workshop',
	lunch_and_learn: 'Lunch & Learn at their office',
	one_on_one_workout: 'One-on-one workout'
};

export const invitationResponses = ['attending', 'declined'] as const;
export type InvitationResponse = (typeof invitationResponses)[number];
export const responseLabels: Record<InvitationResponse | 'none', string> = {
	attending: 'Coming',
	declined: 'Not coming',
	none: 'No answer yet'
};

export const EVENT_TITLE_MAX = 160;
export const EVENT_TEXT_MAX = 2000;
export const ANSWER_NOTE_MAX = 500;
export const QUESTIONS_MAX = 2000;
/** Invitations a trainer sends in one go: a directory is a few dozen providers, not a mailing list. */
export const INVITES_PER_SUBMISSION = 50;
/** An answer link keeps working this many days after the event, so a late "sorry" still arrives. */
export const ANSWER_DAYS_AFTER = 7;

const longText = (max: number, label: string) =>
	z
		.string()
		.max(max, `${label} can be at most ${max.toLocaleString('en')} characters.`)
		.default('');

/** The trainer's form for a new event. `today` keeps an event from being planned in the past by mistake. */
export function eventSchema(today: IsoDate) {
	return z.object({
		kind: z.enum(eventKinds, 'Choose what kind of event it is.'),
		title: z.string().min(1, 'Give the event a title.').max(EVENT_TITLE_MAX, `A title can be at most ${EVENT_TITLE_MAX} characters.`),
		date: z
			.string()
			.min(1, 'Enter the date of the event.')
			.refine(isIsoDate, `Enter a real date, such as ${today}.`)
			.refine((value) => value >= today, 'The event can’t be in the past.')
			.refine((value) => value <= addDays(today, 366), 'Plan events up to a year ahead.'),
		startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time, such as 12:30.'),
		location: longText(300, 'The place'),
		description: longText(EVENT_TEXT_MAX, 'The description')
	});
}
export type EventInput = z.output<ReturnType<typeof eventSchema>>;

/** The provider's answer, by link, with no account. */
export const InvitationAnswerForm = z.object({
	response: z.enum(invitationResponses, 'Choose whether you are coming.'),
	note: longText(ANSWER_NOTE_MAX, 'A note')
});
export type InvitationAnswer = z.output<typeof InvitationAnswerForm>;

/** An appointment of a client the trainer attended (or will attend) with a provider. */
export function visitSchema(today: IsoDate) {
	return z.object({
		directoryProviderId: z.string().min(1, 'Choose the provider from your directory.').max(100),
		date: z
			.string()
			.min(1, 'Enter the date of the appointment.')
			.refine(isIsoDate, `Enter a real date, such as ${today}.`)
			.refine((value) => value >= addDays(today, -366) && value <= addDays(today, 90), 'Enter a date within the past year or the next 90 days.'),
		questions: longText(QUESTIONS_MAX, 'The questions')
	});
}
export type VisitInput = z.output<ReturnType<typeof visitSchema>>;

/** The last day an invitation's link opens. */
export function answerLinkLastDay(eventDate: IsoDate): IsoDate {
	return addDays(eventDate, ANSWER_DAYS_AFTER);
}

/** Answering closes when the event begins (the practice's date, compared as calendar dates). */
export function answersOpen(eventDate: IsoDate, today: IsoDate): boolean {
	return today <= eventDate;
}

/** The touchpoint logged for a provider the trainer marks present; its next step comes from the cadence rules. */
export function attendanceTouchpoint(event: { kind: EventKind; title: string; date: IsoDate }, providerId: string): TouchpointInput {
	return { providerId, kind: 'event_attended', date: event.date, outcome: `Came to ${eventKindLabels[event.kind]}: ${event.title}.`, source: 'event' };
}

export function appointmentTouchpoint(visit: { providerId: string; clientId: string; clientName: string; date: IsoDate }): TouchpointInput {
	return {
		providerId: visit.providerId,
		kind: 'client_appointment',
		date: visit.date,
		outcome: `Attended ${visit.clientName}’s appointment.`,
		clientId: visit.clientId,
		source: 'client_visit'
	};
}

/** The questions as the brief lists them: one a line, blank lines dropped. */
export function questionLines(questions: string): string[] {
	return questions
		.split(/\r?\n/)
		.map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
		.filter(Boolean);
}
