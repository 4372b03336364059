import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$server/auth/session.ts';
import { deleteSessionCookie } from '$lib/server/session-cookie.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

async function signOut({ locals, cookies, url, setHeaders }: Parameters<Actions[string]>[0]) {
	if (locals.session) {
		// Other tabs of this session lose their live documents now: the access watcher sees the
		// session go, as it sees any change of access.
		await invalidateSession(services().db, locals.session.id);
	}
	deleteSessionCookie(cookies, url);
	// The page cleared this person's documents itself; this also drops what the browser cached.
	setHeaders({ 'clear-site-data': '"cache"' });
	redirect(303, '/signin?signedout');
}

export const actions: Actions = { default: signOut };
