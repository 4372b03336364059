// The words of referral work, with the labels a trainer reads. Isomorphic: runs in the browser too,
// so nothing in server/referrals imports Node modules unless its name says it is server-only.

export const providerRoles = ['physician', 'physical_therapist', 'chiropractor', 'other'] as const;
export type ProviderRole = (typeof providerRoles)[number];
export const roleLabels: Record<ProviderRole, string> = {
	physician: 'Physician',
	physical_therapist: 'Physical therapist',
	chiropractor: 'Chiropractor',
	other: 'Other'
};

/** In the order a relationship grows; inactive stands apart and is never reached automatically. */
export const stages = ['researching', 'first_contact', 'follow_up', 'meeting_held', 'referring', 'inactive'] as const;
export type Stage = (typeof stages)[number];
export const stageLabels: Record<Stage, string> = {
	researching: 'Researching',
	first_contact: 'First contact',
	follow_up: 'Follow-up',
	meeting_held: 'Meeting held',
	referring: 'Referring',
	inactive: 'Inactive'
};

export const touchpointKinds = [
	'letter_email',
	'call',
	'visit',
	'lunch_and_learn',
	'progress_report',
	'thank_you',
	'referral_received',
	'provider_reply',
	'event_attended',
	'client_appointment'
] as const;
export type TouchpointKind = (typeof touchpointKinds)[number];
export const touchpointLabels: Record<TouchpointKind, string> = {
	letter_email: 'Letter or email sent',
	call: 'Call',
	visit: 'Visit',
	lunch_and_learn: 'Lunch-and-learn',
	progress_report: 'Progress report shared',
	thank_you: 'Thank-you',
	referral_received: 'Referral received',
	provider_reply: 'Answer on a shared report',
	event_attended: 'Came to an event',
	client_appointment: "Attended a client's appointment"
};
/** What the next step is called when it is planned ("Call Dr Reyes"), not yet done. */
export const plannedLabels: Record<TouchpointKind, string> = {
	letter_email: 'Write',
	call: 'Call',
	visit: 'Visit',
	lunch_and_learn: 'Lunch-and-learn with',
	progress_report: 'Send a progress report to',
	thank_you: 'Thank',
	referral_received: 'Referral from',
	provider_reply: 'Hear from',
	event_attended: 'Welcome to an event',
	client_appointment: 'Join a client’s appointment with'
};
/**
 * A referral is recorded with its client on the referral form, a provider's answer on the share
 * page by the answer itself, an event's attendance on the event's page, and a client's appointment
 * on the client's page (it names the client): none is typed in as a touchpoint here.
 */
const recordedElsewhere: readonly TouchpointKind[] = ['referral_received', 'provider_reply', 'event_attended', 'client_appointment'];
export const loggableKinds = touchpointKinds.filter((kind) => !recordedElsewhere.includes(kind));

export const reportPreferences = ['email', 'fax', 'post', 'share_link', 'in_person'] as const;
export type ReportPreference = (typeof reportPreferences)[number];
export const reportPreferenceLabels: Record<ReportPreference, string> = {
	email: 'Email',
	fax: 'Fax',
	post: 'Post',
	share_link: 'Bridgework share link',
	in_person: 'In person'
};

/** Where a touchpoint came from: typed in, or recorded by another action without extra typing. */
export const touchpointSources = ['manual', 'follow_up', 'referral', 'share_link', 'document', 'share_reply', 'event', 'client_visit'] as const;
export type TouchpointSource = (typeof touchpointSources)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
	return typeof value === 'string' && (values as readonly string[]).includes(value);
}
