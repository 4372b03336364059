import { compose } from './layout.ts';

/** To the trainer: a client closed their own account, which revoked their consent. */
export function clientLeftMail(input: { trainerName: string; clientName: string; clientUrl: string; revoked: boolean }) {
	return compose({
		subject: `${input.clientName} closed their Bridgework account`,
		greeting: `Dear ${input.trainerName},`,
		paragraphs: [
			`${input.clientName} deleted their Bridgework account today. They can no longer sign in or co-edit their documents.`,
			input.revoked
				? 'Closing the account revoked their consent to share: their share links are closed, and nothing more about them may be sent to a provider until they consent again.'
				: 'They had no consent to share in force, so nothing changes for your share links.',
			'Your client record and its documents stay in your practice.'
		],
		action: { label: `Open ${input.clientName}’s record`, url: input.clientUrl }
	});
}
