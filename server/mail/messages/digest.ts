import { compose } from './layout.ts';

export interface DigestItem {
	/** "Dr Ada Reyes: call", "Carla Client: progress report". */
	what: string;
	/** "2 days overdue", "Due today". */
	when: string;
}

/** The trainer's morning email: what is due today or late, follow-ups first. */
export function digestMail(input: {
	trainerName: string;
	date: string;
	followUps: DigestItem[];
	reports: DigestItem[];
	homeUrl: string;
	unsubscribeUrl: string;
	settingsUrl: string;
}) {
	const count = input.followUps.length + input.reports.length;
	const section = (title: string, items: DigestItem[]) =>
		items.length ? [`${title}:`, ...items.map((item) => `• ${item.what} (${item.when})`)].join('\n') : null;
	return compose({
		subject: `${count} thing${count === 1 ? '' : 's'} due today, ${input.date}`,
		greeting: `Good morning ${input.trainerName},`,
		paragraphs: [section('Follow-ups due', input.followUps), section('Client reports due', input.reports)].filter((part): part is string => part !== null),
		action: { label: 'Open Bridgework', url: input.homeUrl },
		after: [
			`You get this email on mornings when something is due because you asked for it in your email settings (${input.settingsUrl}).`,
			`Stop these emails, without signing in: ${input.unsubscribeUrl}`
		]
	});
}
