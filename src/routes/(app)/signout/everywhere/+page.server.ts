import { redirect } from '@sveltejs/kit';
import { invalidateSessionsOfUser } from '$server/auth/session.ts';
import { deleteSessionCookie } from '$lib/server/session-cookie.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

/**
 * Ends every session of this person, on every device (a lost phone, a shared computer). Their open
 * documents everywhere are closed by the access watcher, which sees the sessions go.
 */
async function signOutEverywhere({ locals, cookies, url, setHeaders }: Parameters<Actions[string]>[0]) {
	if (locals.user) await invalidateSessionsOfUser(services().db, locals.user.id);
	deleteSessionCookie(cookies, url);
	setHeaders({ 'clear-site-data': '"cache"' });
	redirect(303, '/signin?signedout');
}

export const actions: Actions = { default: signOutEverywhere };
