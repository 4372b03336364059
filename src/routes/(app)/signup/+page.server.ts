import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '$server/auth/password.ts';
import { mailExistingOwner, sendEmailConfirmation } from '$server/auth/recovery.ts';
import { createUser, EmailTakenError, findUserByEmail } from '$server/practice/users.ts';
import { homeFor } from '$lib/server/access.ts';
import { echo, readForm, optionalText, parseForm } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import { startSession } from '$lib/server/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';

const SignUp = z.object({
	name: z.string().min(1, 'Enter your name.').max(120, 'Your name can be at most 120 characters.'),
	practiceName: optionalText(160, 'The practice name'),
	email: z.email('Enter an email address such as name@example.com.').max(254),
	password: z
		.string()
		.min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
		.max(MAX_PASSWORD_LENGTH, `A password can be at most ${MAX_PASSWORD_LENGTH} characters.`)
});

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals.user));
};

async function signUp({ request, cookies, url }: Parameters<Actions[string]>[0]) {
	const values = readForm(await request.formData());
	const parsed = parseForm(SignUp, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });

	const { db, mailer } = services();
	// Hashed whatever happens next, so that an address in use takes as long to answer as a new one.
	const passwordHash = await hashPassword(parsed.data.password);
	let user;
	try {
		// With mail to prove the address, a new account waits for its link like a taken address waits
		// for its owner: both answers are "check your email". Without mail it opens at once.
		user = (await findUserByEmail(db, parsed.data.email))
			? null
			: await createUser(db, { ...parsed.data, passwordHash, role: 'trainer', activationPending: mailer.configured });
	} catch (error) {
		if (!(error instanceof EmailTakenError)) throw error;
		user = null;
	}
	if (!user) {
		// No "already exists": that would tell anyone which addresses have accounts. The owner is told instead.
		await mailExistingOwner(db, mailer, parsed.data.email, url.origin);
		redirect(303, '/signup/check-email');
	}
	await sendEmailConfirmation(db, mailer, user, user.email, url.origin);
	if (user.activationPending) redirect(303, '/signup/check-email');
	await startSession({ cookies, url, request }, user.id);
	redirect(303, '/clients');
}

export const actions: Actions = { default: signUp };
