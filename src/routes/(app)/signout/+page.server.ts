import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$server/auth/session.ts';
import { closeConnectionsWhere } from '$server/collab/invalidate.ts';
import { deleteSessionCookie } from '$lib/server/session-cookie.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

async function signOut({ locals, cookies, url, setHeaders }: Parameters<Actions[string]>[0]) {
	if (locals.session) {
		const { db, collab } = services();
		invalidateSession(db, locals.session.id);
		// Other tabs of this session lose their live documents now, not when they next reconnect.
		const sessionId = locals.session.id;
		closeConnectionsWhere(collab.hocuspocus, (context) => context.sessionId === sessionId);
	}
	deleteSessionCookie(cookies, url);
	// The page cleared this person's documents itself; this also drops what the browser cached.
	setHeaders({ 'clear-site-data': '"cache"' });
	redirect(303, '/signin?signedout');
}

export const actions: Actions = { default: signOut };
