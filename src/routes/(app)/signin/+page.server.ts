import { fail, redirect } from '@sveltejs/kit';
import { verifyAgainstDummy, verifyPassword } from '$server/auth/password.ts';
import { accountAddressKey } from '$server/auth/rate-limit.ts';
import { issueAccountToken } from '$server/auth/account-tokens.ts';
import { twoFactorStatus } from '$server/auth/two-factor-store.ts';
import { findUserByEmail, normaliseEmail } from '$server/practice/users.ts';
import { homeFor } from '$lib/server/access.ts';
import { echo, readForm } from '$lib/shared/forms/parse.ts';
import { safeNext } from '$lib/server/safe-redirect.ts';
import { services } from '$lib/server/services.ts';
import { CHALLENGE_LIFETIME_MS, setChallengeCookie, startSession } from '$lib/server/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), homeFor(locals.user)));
	return { expired: url.searchParams.has('expired'), reset: url.searchParams.has('reset'), stepExpired: url.searchParams.has('step-expired') };
};

async function signIn({ request, cookies, url, getClientAddress }: Parameters<Actions[string]>[0]) {
	const values = readForm(await request.formData());
	const email = normaliseEmail(values.email ?? '');
	const password = values.password ?? '';
	if (!email || !password) {
		const errors: { email?: string; password?: string } = {};
		if (!email) errors.email = 'Enter your email address.';
		if (!password) errors.password = 'Enter your password.';
		return fail(400, { errors, values: echo(values) });
	}

	const { db, signInThrottles } = services();
	const address = getClientAddress();
	const pair = accountAddressKey(email, address);
	for (const throttle of await Promise.all([signInThrottles.byAccountAndAddress.check(pair), signInThrottles.byAddress.check(address)])) {
		if (!throttle.allowed) {
			return fail(429, {
				message: `Too many failed attempts. Wait ${throttle.retryAfterSeconds} seconds, then try again.`,
				values: echo(values)
			});
		}
	}

	// Failures from elsewhere only slow this account down: refusing it would let anyone lock it.
	const slowdown = await signInThrottles.accountSlowdown.delayMs(email);
	if (slowdown > 0) await new Promise((resolve) => setTimeout(resolve, slowdown));

	const user = await findUserByEmail(db, email);
	const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
	// An account still waiting for its mailed link answers as no account: the one who signed up
	// knows that password whether or not the address was new, so it must tell them nothing.
	if (!user || !ok || user.activationPending) {
		await Promise.all([signInThrottles.byAccountAndAddress.fail(pair), signInThrottles.byAddress.fail(address), signInThrottles.accountSlowdown.fail(email)]);
		// One message for both cases: the form must not reveal which emails have accounts.
		return fail(400, { message: 'That email and password do not match an account.', values: echo(values), pendingHint: true });
	}
	await Promise.all([signInThrottles.byAccountAndAddress.succeed(pair), signInThrottles.accountSlowdown.succeed(email)]);

	const next = safeNext(url.searchParams.get('next'), homeFor(user));
	if ((await twoFactorStatus(db, user.id)).enabled) {
		const challenge = await issueAccountToken(db, { userId: user.id, purpose: 'sign_in_challenge', email: user.email, lifetimeMs: CHALLENGE_LIFETIME_MS });
		setChallengeCookie(cookies, url, challenge);
		redirect(303, `/signin/code?next=${encodeURIComponent(next)}`);
	}
	await startSession({ cookies, url, request }, user.id);
	redirect(303, next);
}

export const actions: Actions = { default: signIn };
