import { fail } from '@sveltejs/kit';
import { peekAccountToken } from '$server/auth/account-tokens.ts';
import { NOT_VALID, UNSUBSCRIBED, unsubscribeDigest } from '$server/mail/unsubscribe.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { TOKEN_PAGE_REFERRER_POLICY } from '$lib/server/token-pages.ts';

// Opening the link only shows a button: mail scanners open links too, and must not unsubscribe the reader.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'referrer-policy': TOKEN_PAGE_REFERRER_POLICY, 'cache-control': 'no-store' });
	const token = await peekAccountToken(services().db, params.token, 'unsubscribe_digest');
	return { valid: token !== undefined, notValid: NOT_VALID };
};

// In production server/index.ts answers this POST before SvelteKit (see handleUnsubscribePost);
// this action serves `vite dev`, which has no such entry point.
export const actions: Actions = {
	default: async ({ params }) => {
		const outcome = await unsubscribeDigest(services().db, params.token);
		if (outcome === 'invalid') return fail(400, { message: NOT_VALID });
		return { message: UNSUBSCRIBED };
	}
};
