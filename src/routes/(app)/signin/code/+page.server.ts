import { fail, redirect } from '@sveltejs/kit';
import { peekAccountToken, spendAccountToken } from '$server/auth/account-tokens.ts';
import { accountAddressKey } from '$server/auth/rate-limit.ts';
import { checkSecondFactor } from '$server/auth/two-factor-store.ts';
import { recoveryCodeUsedMail } from '$server/mail/messages/account.ts';
import { homeFor } from '$lib/server/access.ts';
import { readForm } from '$lib/shared/forms/parse.ts';
import { safeNext } from '$lib/server/safe-redirect.ts';
import { services } from '$lib/server/services.ts';
import { CHALLENGE_COOKIE, deleteChallengeCookie, startSession } from '$lib/server/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), homeFor(locals.user)));
	const challenge = await peekAccountToken(services().db, cookies.get(CHALLENGE_COOKIE) ?? '', 'sign_in_challenge');
	if (!challenge) redirect(303, '/signin?step-expired');
	return {};
};

/** Six digits from the app, or a recovery code (10 letters and digits, a dash optional). */
const MAX_CODE_LENGTH = 32;

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const { db, mailer, signInThrottles, twoFactorKey } = services();
		const token = cookies.get(CHALLENGE_COOKIE) ?? '';
		const challenge = await peekAccountToken(db, token, 'sign_in_challenge');
		if (!challenge) redirect(303, '/signin?step-expired');
		const code = (readForm(await request.formData()).code ?? '').trim();
		if (!code || code.length > MAX_CODE_LENGTH) {
			return fail(400, { message: 'Enter the 6-digit code your authenticator app shows, or one of your recovery codes.' });
		}

		// The same throttles as the password: a code is one more thing to guess.
		const address = getClientAddress();
		const pair = accountAddressKey(challenge.email, address);
		for (const throttle of await Promise.all([signInThrottles.byAccountAndAddress.check(pair), signInThrottles.byAddress.check(address)])) {
			if (!throttle.allowed) return fail(429, { message: `Too many wrong codes. Wait ${throttle.retryAfterSeconds} seconds, then try again.` });
		}
		// Failures from elsewhere slow every attempt at this account, as they do for passwords.
		const slowdown = await signInThrottles.accountSlowdown.delayMs(challenge.email);
		if (slowdown > 0) await new Promise((resolve) => setTimeout(resolve, slowdown));
		const key = twoFactorKey();
		const factor = await checkSecondFactor(db, 'key' in key ? key.key : null, challenge.userId, code);
		if (!factor) {
			await Promise.all([
				signInThrottles.byAccountAndAddress.fail(pair),
				signInThrottles.byAddress.fail(address),
				signInThrottles.accountSlowdown.fail(challenge.email)
			]);
			return fail(400, { message: 'That code is not right. Type the code your app shows now (it changes every 30 seconds), or a recovery code.' });
		}
		await Promise.all([signInThrottles.byAccountAndAddress.succeed(pair), signInThrottles.accountSlowdown.succeed(challenge.email)]);
		if (!(await spendAccountToken(db, token, 'sign_in_challenge'))) redirect(303, '/signin?step-expired');
		deleteChallengeCookie(cookies, url);
		await startSession({ cookies, url, request }, challenge.userId);
		if (factor.by === 'recovery-code') {
			await mailer.send({
				kind: 'recovery_code_used',
				to: challenge.email,
				...recoveryCodeUsedMail({ left: factor.left, accountUrl: `${url.origin}/account/two-factor` })
			});
			redirect(303, '/account/two-factor?recovery-code-used');
		}
		// The home page sends each person to their own start.
		redirect(303, safeNext(url.searchParams.get('next'), '/'));
	}
};
