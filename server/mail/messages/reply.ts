import type { ProviderReplyKind } from '../../../src/lib/shared/sharing/replies.ts';
import { compose } from './layout.ts';

const subjects: Record<ProviderReplyKind, (provider: string, title: string) => string> = {
	acknowledge: (provider, title) => `${provider} acknowledged “${title}”`,
	question: (provider, title) => `${provider} asked a question about “${title}”`,
	input: (provider, title) => `${provider} gave input on “${title}”`
};

/** To the trainer: a provider answered on a shared report. Their words are quoted as text. */
export function replyMail(input: {
	trainerName: string;
	providerName: string;
	documentTitle: string;
	kind: ProviderReplyKind;
	body: string;
	threadUrl: string;
}) {
	return compose({
		subject: subjects[input.kind](input.providerName, input.documentTitle),
		greeting: `Dear ${input.trainerName},`,
		paragraphs: [
			input.kind === 'question'
				? `${input.providerName} asked a question on the shared report “${input.documentTitle}”. Answer it on the report’s sharing page: they see your answer the next time they open the link.`
				: input.kind === 'input'
					? `${input.providerName} gave input on the shared report “${input.documentTitle}”.`
					: `${input.providerName} acknowledged receipt of the shared report “${input.documentTitle}”.`
		],
		quote: input.body ? { from: input.providerName, text: input.body } : undefined,
		action: { label: input.kind === 'question' ? 'Answer on the sharing page' : 'See the thread', url: input.threadUrl }
	});
}
