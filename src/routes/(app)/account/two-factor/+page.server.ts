import { fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { passwordMatches } from '$server/auth/account.ts';
import { accountAddressKey } from '$server/auth/rate-limit.ts';
import {
	beginSetup,
	checkSecondFactor,
	confirmSetup,
	practiceRequiresTwoFactor,
	replaceRecoveryCodes,
	setPracticeRequirement,
	turnOffTwoFactor,
	twoFactorStatus
} from '$server/auth/two-factor-store.ts';
import { twoFactorChangedMail } from '$server/mail/messages/account.ts';
import { requireUser } from '$lib/server/access.ts';
import { readForm } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

type Event = Parameters<Actions[string]>[0];

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { db, twoFactorKey } = services();
	const status = await twoFactorStatus(db, user.id);
	const key = twoFactorKey();
	const setup = !status.enabled && 'key' in key ? await beginSetup(db, key.key, user) : null;
	return {
		status,
		unavailable: 'unavailable' in key ? key.unavailable : null,
		setup: setup && {
			// The key in groups of four, as authenticator apps print it and people type it.
			keyText: setup.keyText.replace(/(.{4})(?=.)/g, '$1 '),
			// Generated here from our own URI, never from input: safe to place as markup.
			qrSvg: renderSVG(setup.uri, { border: 2 })
		},
		required: user.role === 'trainer' ? await practiceRequiresTwoFactor(db, user.id) : null,
		recoveryCodeUsed: event.url.searchParams.has('recovery-code-used')
	};
};

const MAX_CODE_LENGTH = 32;
const codeOf = (values: Record<string, string | undefined>) => (values.code ?? '').trim().slice(0, MAX_CODE_LENGTH);

/** The password again before anything that weakens or replaces a factor, throttled as sign-in is. */
async function checkPassword(event: Event, password: string, section: string) {
	const user = requireUser(event);
	const { db, signInThrottles } = services();
	if (!password) return fail(400, { section, errors: { password: 'Enter your current password.' } });
	const pair = accountAddressKey(user.email, event.getClientAddress());
	const throttle = await signInThrottles.byAccountAndAddress.check(pair);
	if (!throttle.allowed)
		return fail(429, { section, errors: { password: `Too many failed attempts. Wait ${throttle.retryAfterSeconds} seconds, then try again.` } });
	if (!(await passwordMatches(db, user.id, password))) {
		await signInThrottles.byAccountAndAddress.fail(pair);
		return fail(400, { section, errors: { password: 'That is not your current password.' } });
	}
	await signInThrottles.byAccountAndAddress.succeed(pair);
	return null;
}

async function enable(event: Event) {
	const user = requireUser(event);
	const { db, mailer, twoFactorKey } = services();
	const key = twoFactorKey();
	if ('unavailable' in key) return fail(503, { section: 'setup', message: key.unavailable });
	const code = codeOf(readForm(await event.request.formData()));
	if (!/^\d{6}$/.test(code.replace(/\s/g, '')))
		return fail(400, { section: 'setup', errors: { code: 'Enter the 6-digit code your app shows for Bridgework.' } });
	const outcome = await confirmSetup(db, key.key, { userId: user.id, code, keepSessionId: event.locals.session!.id });
	if (outcome === 'wrong-code') {
		return fail(400, { section: 'setup', errors: { code: 'That code is not right. Check that the app shows Bridgework, then type the code it shows now.' } });
	}
	if (outcome === 'not-started') return fail(409, { section: 'setup', message: 'This setup has ended. Reload the page to start again.' });
	await mailer.send({
		kind: 'two_factor_changed',
		to: user.email,
		toName: user.name,
		...twoFactorChangedMail({ name: user.name, on: true, accountUrl: `${event.url.origin}/account/two-factor` })
	});
	return { section: 'codes', recoveryCodes: outcome.recoveryCodes, saved: 'Two-factor sign-in is on. Every other device was signed out.' };
}

async function newCodes(event: Event) {
	const user = requireUser(event);
	const refused = await checkPassword(event, readForm(await event.request.formData()).password ?? '', 'new-codes');
	if (refused) return refused;
	const codes = await replaceRecoveryCodes(services().db, user.id);
	if (!codes) return fail(409, { section: 'new-codes', message: 'Two-factor sign-in is off, so there are no recovery codes to replace.' });
	return { section: 'codes', recoveryCodes: codes, saved: 'Here are your new recovery codes. The old ones work no more.' };
}

async function disable(event: Event) {
	const user = requireUser(event);
	const { db, mailer, twoFactorKey } = services();
	if (user.role === 'trainer' && (await practiceRequiresTwoFactor(db, user.id))) {
		return fail(409, { section: 'disable', message: 'Your practice requires two-factor sign-in. Turn that requirement off first.' });
	}
	const values = readForm(await event.request.formData());
	const refused = await checkPassword(event, values.password ?? '', 'disable');
	if (refused) return refused;
	const key = twoFactorKey();
	if (!(await checkSecondFactor(db, 'key' in key ? key.key : null, user.id, codeOf(values)))) {
		return fail(400, { section: 'disable', errors: { code: 'That code is not right: type the code your app shows now, or a recovery code.' } });
	}
	await turnOffTwoFactor(db, user.id);
	await mailer.send({
		kind: 'two_factor_changed',
		to: user.email,
		toName: user.name,
		...twoFactorChangedMail({ name: user.name, on: false, accountUrl: `${event.url.origin}/account/two-factor` })
	});
	return { section: 'disable', saved: 'Two-factor sign-in is off.' };
}

async function requirement(event: Event) {
	const user = requireUser(event);
	const { db } = services();
	if (user.role !== 'trainer') return fail(403, { section: 'require', message: 'Only the practice’s trainer can change this.' });
	const values = readForm(await event.request.formData());
	const on = values.require === 'on';
	if (on && !(await twoFactorStatus(db, user.id)).enabled) {
		return fail(409, { section: 'require', message: 'Turn on two-factor sign-in for your own account first.' });
	}
	if (!on) {
		const refused = await checkPassword(event, values.password ?? '', 'require');
		if (refused) return refused;
	}
	await setPracticeRequirement(db, user.id, on);
	return { section: 'require', saved: on ? 'Your practice now requires two-factor sign-in.' : 'Your practice no longer requires two-factor sign-in.' };
}

export const actions: Actions = { enable, newCodes, disable, requirement };
