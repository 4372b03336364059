import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { SESSION_COOKIE, validateSessionToken } from '$server/auth/session.ts';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/session-cookie.ts';
import { services } from '$lib/server/services.ts';

const authenticate: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const validation = await validateSessionToken(services().db, token);
		if (validation) {
			event.locals.user = validation.user;
			event.locals.session = validation.session;
			if (validation.renewed) setSessionCookie(event.cookies, event.url, token, validation.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

/**
 * For what is not a page (PDFs, calendar feeds, JSON, redirects): pages get kit.csp from
 * svelte.config.js; anything else a browser might open directly runs nothing and loads nothing.
 */
const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!response.headers.has('Content-Security-Policy')) response.headers.set('Content-Security-Policy', FALLBACK_CSP);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('X-Frame-Options', 'DENY');
	// Pages that carry a token in their URL (invitations, share links) set no-referrer themselves.
	if (!response.headers.has('Referrer-Policy')) response.headers.set('Referrer-Policy', 'same-origin');
	// Pages behind a session hold client information: never keep them in a shared cache.
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(authenticate, securityHeaders);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`[${event.request.method} ${event.url.pathname}]`, error);
	// Never send a stack trace or an internal message to the browser.
	return { message: status === 404 ? 'Not found' : 'Something went wrong on our side. Please try again.' };
};
