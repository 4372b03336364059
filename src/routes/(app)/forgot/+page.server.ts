import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requestPasswordReset } from '$server/auth/recovery.ts';
import { echo, readForm, parseForm } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions } from './$types';

const Forgot = z.object({ email: z.email('Enter the email address of your account, such as name@example.com.').max(254) });

export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		const values = readForm(await request.formData());
		const parsed = parseForm(Forgot, values);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
		const { db, mailer, signInThrottles } = services();
		// Guessing addresses here is slowed like guessing passwords at sign-in.
		const throttle = await signInThrottles.byAddress.check(getClientAddress());
		if (!throttle.allowed)
			return fail(429, { message: `Too many attempts. Wait ${throttle.retryAfterSeconds} seconds, then try again.`, values: echo(values) });
		await requestPasswordReset(db, mailer, parsed.data.email, url.origin);
		// The same answer whether or not the address has an account.
		return { sentTo: parsed.data.email };
	}
};
