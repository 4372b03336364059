import type { FormatContext } from '../../../src/lib/shared/format.ts';
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
	/** Set when this copy goes to the provider's office manager, who is greeted and told whose report it is. */
	officeManager?: string | null;
	/** The report's PDF goes with the message. */
	attached?: boolean;
	/** The practice's locale and time zone. */
	format: FormatContext;
}) {
	const from = input.practiceName ? `${input.trainerName} (${input.practiceName})` : input.trainerName;
	return compose({
		subject: `${input.documentTitle}, from ${input.trainerName}`,
		greeting: `Dear ${input.officeManager ?? input.providerName},`,
		paragraphs: [
			input.officeManager
				? `${from} has shared “${input.documentTitle}” with ${input.providerName} through Bridgework, and sends you a copy as their office manager. You can read it in your browser and download it as a PDF; no account is needed.`
				: `${from} has shared “${input.documentTitle}” with you through Bridgework. You can read it in your browser and download it as a PDF; no account is needed.`
		],
		quote: input.message ? { from: input.trainerName, text: input.message } : undefined,
		action: { label: 'Read the report', url: input.url },
		after: [
			...(input.attached ? ['The report as it stands today is attached as a PDF.'] : []),
			input.expiresAt ? `The link works until ${longDate(input.expiresAt, input.format)}.` : 'The link works until it is withdrawn.',
			`Replying to this email reaches ${input.trainerName}.`
		]
	});
}

/** The queue keys of a link's messages (provider, office manager): released or cancelled together. */
export function shareMailKeys(linkId: string): string[] {
	return [`share:${linkId}`, `share:${linkId}:office`];
}
