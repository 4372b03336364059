import { formatCalendarDate, formatWallTime, type FormatContext } from '../../../src/lib/shared/format.ts';
import { eventKindLabels, type EventKind } from '../../../src/lib/shared/referrals/events.ts';
import { compose } from './layout.ts';

/** To a provider, from a trainer: an invitation to an event, answered by link with no account. */
export function eventInvitationMail(input: {
	providerName: string;
	trainerName: string;
	practiceName: string | null;
	event: { kind: EventKind; title: string; date: string; startTime: string; location: string; description: string };
	url: string;
	format: FormatContext;
}) {
	const from = input.practiceName ? `${input.trainerName} (${input.practiceName})` : input.trainerName;
	const when = `${formatCalendarDate(input.event.date, input.format, 'long')}, ${formatWallTime(input.event.startTime, input.format)}`;
	return compose({
		subject: `Invitation: ${input.event.title}, from ${input.trainerName}`,
		greeting: `Dear ${input.providerName},`,
		paragraphs: [
			`${from} invites you to ${eventKindLabels[input.event.kind].toLowerCase()}: “${input.event.title}”.`,
			[`When: ${when}`, ...(input.event.location ? [`Where: ${input.event.location}`] : [])].join('\n'),
			...(input.event.description ? [input.event.description] : [])
		],
		action: { label: 'Answer the invitation', url: input.url },
		after: [
			'You can answer in your browser, with no account, and change your answer until the event begins.',
			`Replying to this email reaches ${input.trainerName}.`
		]
	});
}

/** To the trainer: a provider answered an invitation. */
export function eventAnswerMail(input: { trainerName: string; providerName: string; eventTitle: string; attending: boolean; note: string; eventUrl: string }) {
	return compose({
		subject: `${input.providerName} ${input.attending ? 'is coming' : 'can’t come'}: ${input.eventTitle}`,
		greeting: `Hello ${input.trainerName},`,
		paragraphs: [`${input.providerName} answered your invitation to “${input.eventTitle}”: ${input.attending ? 'they are coming' : 'they can’t come'}.`],
		quote: input.note ? { from: input.providerName, text: input.note } : undefined,
		action: { label: 'See who is coming', url: input.eventUrl }
	});
}
