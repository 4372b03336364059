import { compose, longDate } from './layout.ts';

/** To a provider, from a trainer: a read-only link to one report. */
export function shareLinkMail(input: {
	providerName: string;
	trainerName: string;
	practiceName: string | null;
	documentTitle: string;
	url: string;
	expiresAt: Date | null;
	message: string | null;
}) {
	const from = input.practiceName ? `${input.trainerName} (${input.practiceName})` : input.trainerName;
	return compose({
		subject: `${input.documentTitle}, from ${input.trainerName}`,
		greeting: `Dear ${input.providerName},`,
		paragraphs: [`${from} has shared “${input.documentTitle}” with you through Bridgework. You can read it in your browser and download it as a PDF; no account is needed.`],
		quote: input.message ? { from: input.trainerName, text: input.message } : undefined,
		action: { label: 'Read the report', url: input.url },
		after: [
			input.expiresAt ? `The link works until ${longDate(input.expiresAt)}.` : 'The link works until it is withdrawn.',
			`Replying to this email reaches ${input.trainerName}.`
		]
	});
}
