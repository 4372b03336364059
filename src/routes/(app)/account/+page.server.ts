import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { changePassword, endOtherSessions, endSession, passwordMatches, requestEmailChange, updateProfile } from '$server/auth/account.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '$server/auth/password.ts';
import { sendEmailConfirmation } from '$server/auth/recovery.ts';
import { accountAddressKey } from '$server/auth/rate-limit.ts';
import { sessionsOfUser } from '$server/auth/session.ts';
import { twoFactorStatus } from '$server/auth/two-factor-store.ts';
import { deleteClientAccount, deleteTrainerAccount, practiceSize } from '$server/practice/account-deletion.ts';
import { deleteSessionCookie } from '$lib/server/session-cookie.ts';
import { describeDevice } from '$lib/account/devices.ts';
import { requireUser } from '$lib/server/access.ts';
import { echo, readForm, optionalText, parseForm } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

type Event = Parameters<Actions[string]>[0];

const Profile = z.object({
	name: z.string().min(1, 'Enter your name.').max(120, 'Your name can be at most 120 characters.'),
	practiceName: optionalText(160, 'The practice name')
});
const EmailChange = z.object({
	email: z.email('Enter an email address such as name@example.com.').max(254),
	password: z.string().min(1, 'Enter your current password to change your address.')
});
const PasswordChange = z
	.object({
		currentPassword: z.string().min(1, 'Enter your current password.'),
		newPassword: z
			.string()
			.min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your new password.`)
			.max(MAX_PASSWORD_LENGTH, `A password can be at most ${MAX_PASSWORD_LENGTH} characters.`),
		newPasswordAgain: z.string()
	})
	.refine((value) => value.newPassword === value.newPasswordAgain, { message: 'The two new passwords are not the same.', path: ['newPasswordAgain'] });

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { db, mailer } = services();
	const current = event.locals.session!.id;
	return {
		account: { name: user.name, email: user.email, practiceName: user.practiceName, role: user.role, verified: !!user.emailVerifiedAt },
		mailConfigured: mailer.configured,
		twoFactor: (await twoFactorStatus(db, user.id)).enabled,
		deletion: user.role === 'trainer' ? await practiceSize(db, user.id) : null,
		devices: (await sessionsOfUser(db, user.id)).map((session) => ({
			id: session.id,
			device: describeDevice(session.userAgent),
			signedInAt: session.createdAt,
			current: session.id === current
		}))
	};
};

async function profile(event: Event) {
	const user = requireUser(event);
	const values = readForm(await event.request.formData());
	const parsed = parseForm(Profile, values);
	if (!parsed.ok) return fail(400, { section: 'profile', errors: parsed.errors, values: echo(values) });
	// A client's account has no practice: the field is not offered to them.
	await updateProfile(services().db, user.id, {
		name: parsed.data.name,
		practiceName: user.role === 'trainer' ? (parsed.data.practiceName ?? null) : undefined
	});
	return { section: 'profile', saved: 'Your details are saved.' };
}

async function resendConfirmation(event: Event) {
	const user = requireUser(event);
	const { db, mailer } = services();
	if (user.emailVerifiedAt) return { section: 'email', saved: 'Your address is already confirmed.' };
	if (!(await sendEmailConfirmation(db, mailer, user, user.email, event.url.origin))) {
		return fail(429, { section: 'email', message: 'Several links were sent in the last hour: use the newest, or try again later.' });
	}
	return { section: 'email', saved: `A new confirmation link is on its way to ${user.email}.` };
}

async function changeEmail(event: Event) {
	const user = requireUser(event);
	const values = readForm(await event.request.formData());
	const parsed = parseForm(EmailChange, values);
	if (!parsed.ok) return fail(400, { section: 'email', errors: parsed.errors, values: echo(values) });
	const { db, mailer } = services();
	const outcome = await requestEmailChange(db, mailer, { user, newEmail: parsed.data.email, password: parsed.data.password, origin: event.url.origin });
	if (outcome === 'wrong-password') return fail(400, { section: 'email', errors: { password: 'That is not your current password.' }, values: echo(values) });
	if (outcome === 'same') return fail(400, { section: 'email', errors: { email: 'That is already your address.' }, values: echo(values) });
	if (outcome === 'too-many')
		return fail(429, { section: 'email', message: 'Several links were sent in the last hour: use the newest, or try again later.', values: echo(values) });
	return {
		section: 'email',
		saved: `We sent a link to ${parsed.data.email}. Your address changes when you follow it; until then you keep using ${user.email}.`
	};
}

async function password(event: Event) {
	const user = requireUser(event);
	const parsed = parseForm(PasswordChange, readForm(await event.request.formData()));
	if (!parsed.ok) return fail(400, { section: 'password', errors: parsed.errors });
	const { db, mailer } = services();
	// Hashed before the transaction, which may await only the database.
	const newHash = await hashPassword(parsed.data.newPassword);
	const outcome = await changePassword(db, mailer, {
		userId: user.id,
		sessionId: event.locals.session!.id,
		current: parsed.data.currentPassword,
		newHash,
		origin: event.url.origin
	});
	if (outcome === 'wrong-password') return fail(400, { section: 'password', errors: { currentPassword: 'That is not your current password.' } });
	return { section: 'password', saved: 'Your password is changed. Every other device was signed out.' };
}

async function signOutOthers(event: Event) {
	const user = requireUser(event);
	const ended = await endOtherSessions(services().db, user.id, event.locals.session!.id);
	return { section: 'devices', saved: ended === 0 ? 'No other device was signed in.' : `Signed out of ${ended} other device${ended === 1 ? '' : 's'}.` };
}

async function signOutDevice(event: Event) {
	const user = requireUser(event);
	const id = readForm(await event.request.formData()).sessionId ?? '';
	if (id === event.locals.session!.id) return fail(400, { section: 'devices', message: 'Use “Sign out” to sign out of this device.' });
	if (!(await endSession(services().db, user.id, id))) return fail(400, { section: 'devices', message: 'That device was already signed out.' });
	return { section: 'devices', saved: 'That device is signed out.' };
}

/**
 * Deletes the account (a trainer's with the practice; a client's, revoking their consent), given
 * the current password. Wrong passwords count
 * against the sign-in throttle for this account and address: the form must not be a second,
 * unthrottled way to guess a password on a device left signed in.
 */
async function deleteAccount(event: Event) {
	const user = requireUser(event);
	const password = readForm(await event.request.formData()).password ?? '';
	if (!password) return fail(400, { section: 'delete', errors: { password: 'Enter your current password to delete your account.' } });
	const { db, signInThrottles } = services();
	const pair = accountAddressKey(user.email, event.getClientAddress());
	const throttle = await signInThrottles.byAccountAndAddress.check(pair);
	if (!throttle.allowed)
		return fail(429, { section: 'delete', errors: { password: `Too many failed attempts. Wait ${throttle.retryAfterSeconds} seconds, then try again.` } });
	if (!(await passwordMatches(db, user.id, password))) {
		await Promise.all([signInThrottles.byAccountAndAddress.fail(pair), signInThrottles.accountSlowdown.fail(user.email)]);
		return fail(400, { section: 'delete', errors: { password: 'That is not your current password.' } });
	}
	await signInThrottles.byAccountAndAddress.succeed(pair);
	if (user.role === 'trainer') await deleteTrainerAccount(db, user.id);
	else
		await deleteClientAccount(
			db,
			{
				userId: user.id,
				signatureName: user.name,
				ipAddress: event.getClientAddress(),
				userAgent: event.request.headers.get('user-agent') ?? undefined
			},
			undefined,
			{ mailer: services().mailer, origin: event.url.origin }
		);
	deleteSessionCookie(event.cookies, event.url);
	event.setHeaders({ 'clear-site-data': '"cache"' });
	redirect(303, '/account/deleted');
}

export const actions: Actions = { profile, resendConfirmation, changeEmail, password, signOutOthers, signOutDevice, deleteAccount };
