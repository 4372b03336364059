/** What each kind of message is, in the Outbox's words. */
export const mailKindLabels: Record<string, string> = {
	invitation: 'Invitation to a client',
	share_link: 'Shared report to a provider',
	password_reset: 'Password reset',
	verify_email: 'Address confirmation',
	confirm_new_email: 'New address confirmation',
	email_changed: 'Address change notice',
	account_exists: 'Sign-up attempt notice',
	password_changed: 'Password change notice'
};

export const mailStatusLabels: Record<string, string> = {
	pending: 'Waiting to send',
	sending: 'Sending',
	sent: 'Sent',
	failed: 'Failed',
	held: 'Not sent',
	waiting: 'Waiting'
};
