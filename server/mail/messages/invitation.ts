import type { FormatContext } from '../../../src/lib/shared/format.ts';
import { compose, longDate } from './layout.ts';

/** To a client, from their trainer: the link that creates their account and links it to their record. */
export function invitationMail(input: {
	clientName: string;
	trainerName: string;
	practiceName: string | null;
	url: string;
	expiresAt: Date;
	format: FormatContext;
}) {
	const from = input.practiceName ? `${input.trainerName} of ${input.practiceName}` : input.trainerName;
	return compose({
		subject: `${input.trainerName} invites you to Bridgework`,
		greeting: `Hello ${input.clientName},`,
		paragraphs: [
			`${from} invites you to Bridgework, where you can read the records about your training, decide what may be shared with the health professionals you see, and work on them together.`
		],
		action: { label: 'Accept the invitation', url: input.url },
		after: [`The link works once, until ${longDate(input.expiresAt, input.format)}. If you were not expecting this, you can ignore it.`]
	});
}
