import { z } from '../forms/zod.ts';

// The words and limits of the thread under a shared report. Isomorphic: the share page counts
// characters with the same limit the server enforces, and labels the kinds the same way.

export const REPLY_MAX_CHARS = 2000;
export const REPLY_NAME_MAX_CHARS = 120;

/** What a provider may say they are doing; the trainer's answers are kind 'reply'. */
export const providerReplyKinds = ['acknowledge', 'question', 'input'] as const;
export type ProviderReplyKind = (typeof providerReplyKinds)[number];

export const replyKindLabels: Record<ProviderReplyKind | 'reply', string> = {
	acknowledge: 'Acknowledge receipt',
	question: 'Ask a question',
	input: 'Give input',
	reply: 'Reply'
};

/** How a message is introduced in the thread ("Dr Reyes acknowledged receipt"). */
export const replyKindVerbs: Record<ProviderReplyKind | 'reply', string> = {
	acknowledge: 'acknowledged receipt',
	question: 'asked a question',
	input: 'gave input',
	reply: 'replied'
};

const TOO_LONG = `Keep your message to ${REPLY_MAX_CHARS.toLocaleString('en')} characters or fewer.`;
const body = z.string().trim().min(1, 'Write your message.').max(REPLY_MAX_CHARS, TOO_LONG);

/** The provider's form on the share page. Acknowledging receipt needs no words; the others do. */
export const ProviderReplyForm = z
	.object({
		kind: z.enum(providerReplyKinds, 'Choose whether you acknowledge receipt, ask a question or give input.'),
		body: z.string().trim().max(REPLY_MAX_CHARS, TOO_LONG).default(''),
		authorName: z.string().trim().max(REPLY_NAME_MAX_CHARS, `A name can be at most ${REPLY_NAME_MAX_CHARS} characters.`).default('')
	})
	.superRefine((value, context) => {
		if (value.kind !== 'acknowledge' && value.body === '') {
			context.addIssue({ code: 'custom', path: ['body'], message: value.kind === 'question' ? 'Write your question.' : 'Write your input.' });
		}
	});
export type ProviderReplyInput = z.output<typeof ProviderReplyForm>;

/** The trainer's answer in a link's thread, on the document's sharing page. */
export const TrainerReplyForm = z.object({
	/** The link whose thread it answers (named apart from the revoke form's linkId). */
	thread: z.string().min(1, 'Choose the thread to answer.'),
	body
});
export type TrainerReplyInput = z.output<typeof TrainerReplyForm>;
