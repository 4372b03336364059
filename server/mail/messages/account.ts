import { compose } from './layout.ts';

// Account mail: to the owner of an address, about their own account. Never shown in an Outbox.

export function passwordResetMail(input: { name: string; url: string }) {
	return compose({
		subject: 'Reset your Bridgework password',
		greeting: `Hello ${input.name},`,
		paragraphs: ['Someone (we hope you) asked to reset the password of your Bridgework account.'],
		action: { label: 'Choose a new password', url: input.url },
		after: [
			'The link works once, for one hour. Choosing a new password signs you out on every device.',
			'If you did not ask for this, ignore this email: your password stays as it is.'
		]
	});
}

export function verifyEmailMail(input: { name: string; url: string; change: boolean }) {
	return compose({
		subject: 'Confirm your email address for Bridgework',
		greeting: `Hello ${input.name},`,
		paragraphs: [
			input.change
				? 'You asked to use this address for your Bridgework account. Confirm it, and Bridgework will use it from then on.'
				: 'Welcome to Bridgework. Confirm that this address is yours, so that you can reset your password by email and receive what Bridgework sends you.'
		],
		action: { label: 'Confirm this address', url: input.url },
		after: ['The link works for 24 hours. If you did not ask for this, ignore this email.']
	});
}

export function accountExistsMail(input: { name: string; signInUrl: string; resetUrl: string }) {
	return compose({
		subject: 'Someone tried to create a Bridgework account with your address',
		greeting: `Hello ${input.name},`,
		paragraphs: [
			'Someone tried to create a new Bridgework account with this email address. You already have one, so nothing was created.',
			`If it was you, sign in at ${input.signInUrl}. If you forgot your password, you can reset it:`
		],
		action: { label: 'Reset your password', url: input.resetUrl },
		after: ['If it was not you, you need do nothing: your account is unchanged.']
	});
}

export function emailChangedMail(input: { name: string; newEmail: string }) {
	return compose({
		subject: 'Your Bridgework email address was changed',
		greeting: `Hello ${input.name},`,
		paragraphs: [
			`Your Bridgework account now uses ${input.newEmail}. This address will not receive Bridgework email any more.`,
			'If you did not make this change, reply to your practice or reset your password from the new address at once.'
		]
	});
}

export function passwordChangedMail(input: { name: string; signInUrl: string }) {
	return compose({
		subject: 'Your Bridgework password was changed',
		greeting: `Hello ${input.name},`,
		paragraphs: ['The password of your Bridgework account was just changed, and every other device was signed out.'],
		after: [`If this was not you, reset your password now from ${input.signInUrl}.`]
	});
}

export function recoveryCodeUsedMail(input: { left: number; accountUrl: string }) {
	return compose({
		subject: 'A recovery code was used to sign in to Bridgework',
		greeting: 'Hello,',
		paragraphs: [
			'Someone signed in to your Bridgework account with one of your recovery codes instead of your authenticator app.',
			`That code works no more; ${input.left === 1 ? '1 code is' : `${input.left} codes are`} left. If you lost your phone, set up your app again and make new codes:`
		],
		action: { label: 'Two-factor sign-in settings', url: input.accountUrl },
		after: ['If this was not you, reset your password at once and make new recovery codes.']
	});
}

export function twoFactorChangedMail(input: { name: string; on: boolean; accountUrl: string }) {
	return compose({
		subject: input.on ? 'Two-factor sign-in is on for your Bridgework account' : 'Two-factor sign-in was turned off for your Bridgework account',
		greeting: `Hello ${input.name},`,
		paragraphs: [
			input.on
				? 'From now on, signing in to Bridgework asks for a code from your authenticator app after your password. Every other device was signed out.'
				: 'Signing in to Bridgework now needs only your password.'
		],
		action: { label: 'Two-factor sign-in settings', url: input.accountUrl },
		after: ['If this was not you, reset your password at once.']
	});
}
