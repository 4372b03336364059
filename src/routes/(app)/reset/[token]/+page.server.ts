import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { peekAccountToken } from '$server/auth/account-tokens.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '$server/auth/password.ts';
import { resetPassword } from '$server/auth/recovery.ts';
import { readForm, parseForm } from '$lib/shared/forms/parse.ts';
import { deleteSessionCookie } from '$lib/server/session-cookie.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { TOKEN_PAGE_REFERRER_POLICY } from '$lib/server/token-pages.ts';

const NewPassword = z
	.object({
		password: z
			.string()
			.min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
			.max(MAX_PASSWORD_LENGTH, `A password can be at most ${MAX_PASSWORD_LENGTH} characters.`),
		passwordAgain: z.string()
	})
	.refine((value) => value.password === value.passwordAgain, { message: 'The two passwords are not the same.', path: ['passwordAgain'] });

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	// The token is in this page's address: it must not travel on to any other site.
	setHeaders({ 'referrer-policy': TOKEN_PAGE_REFERRER_POLICY });
	return { valid: !!(await peekAccountToken(services().db, params.token, 'reset_password')) };
};

export const actions: Actions = {
	// The page's load runs after the action and sets its Referrer-Policy for both.
	default: async ({ request, params, cookies, url }) => {
		const parsed = parseForm(NewPassword, readForm(await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		// Hashed before the transaction, which may await only the database.
		const passwordHash = await hashPassword(parsed.data.password);
		const user = await resetPassword(services().db, params.token, passwordHash);
		if (!user) return fail(400, { expired: true });
		deleteSessionCookie(cookies, url);
		redirect(303, '/signin?reset');
	}
};
