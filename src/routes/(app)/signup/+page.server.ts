import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '$server/auth/password.ts';
import { createSession, generateSessionToken } from '$server/auth/session.ts';
import { createUser, EmailTakenError } from '$server/practice/users.ts';
import { homeFor } from '$lib/server/access.ts';
import { echo, formValues, optionalText, parseForm, type FieldErrors } from '$lib/server/forms.ts';
import { services } from '$lib/server/services.ts';
import { setSessionCookie } from '$lib/server/session-cookie.ts';
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
	const values = formValues(await request.formData());
	const parsed = parseForm(SignUp, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });

	const { db } = services();
	const passwordHash = await hashPassword(parsed.data.password);
	let userId: string;
	try {
		userId = (await createUser(db, { ...parsed.data, passwordHash, role: 'trainer' })).id;
	} catch (error) {
		if (error instanceof EmailTakenError) {
			return fail(400, {
				errors: { email: 'An account with this email already exists. Sign in instead, or use another address.' } as FieldErrors,
				values: echo(values)
			});
		}
		throw error;
	}
	const token = generateSessionToken();
	const session = await createSession(db, token, userId);
	setSessionCookie(cookies, url, token, session.expiresAt);
	redirect(303, '/clients');
}

export const actions: Actions = { default: signUp };
