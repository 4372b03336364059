import { compose } from './layout.ts';

/** To the trainer who opted in: a provider opened a shared report for the first time. */
export function firstViewMail(input: { trainerName: string; providerName: string; documentTitle: string; sharingUrl: string; settingsUrl: string }) {
	return compose({
		subject: `${input.providerName} opened “${input.documentTitle}”`,
		greeting: `Dear ${input.trainerName},`,
		paragraphs: [`${input.providerName} opened the link to “${input.documentTitle}” for the first time. A good moment to follow up.`],
		action: { label: 'See the link’s views', url: input.sharingUrl },
		after: [`You get this once per link because you asked for it. Turn it off in your email settings: ${input.settingsUrl}`]
	});
}
