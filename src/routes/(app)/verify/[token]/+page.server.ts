import { fail, redirect } from '@sveltejs/kit';
import { peekAccountToken } from '$server/auth/account-tokens.ts';
import { confirmEmail } from '$server/auth/recovery.ts';
import { services } from '$lib/server/services.ts';
import { startSession } from '$lib/server/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';
import { TOKEN_PAGE_REFERRER_POLICY } from '$lib/server/token-pages.ts';

// Opening the link only shows a button: mail scanners open links too, and must not confirm for the reader.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'referrer-policy': TOKEN_PAGE_REFERRER_POLICY });
	const token = await peekAccountToken(services().db, params.token, 'verify_email');
	return { email: token?.email ?? null };
};

export const actions: Actions = {
	default: async ({ params, locals, cookies, url, request }) => {
		const { db, mailer } = services();
		const outcome = await confirmEmail(db, mailer, params.token);
		if (!outcome.ok) {
			return fail(400, {
				message:
					outcome.reason === 'taken'
						? 'Another account uses this address now, so it cannot be confirmed for yours.'
						: 'This link has expired or was already used.'
			});
		}
		// A sign-up's link opens the account: whoever holds it reads that address's mail, which
		// could reset the password anyway.
		if (outcome.activated && locals.user?.id !== outcome.userId) {
			await startSession({ cookies, url, request }, outcome.userId);
			redirect(303, '/clients');
		}
		return { confirmed: true, signedIn: locals.user?.id === outcome.userId };
	}
};
