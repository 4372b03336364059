import type { Cookies } from '@sveltejs/kit';
import { createSession, generateSessionToken } from '$server/auth/session.ts';
import { secure, setSessionCookie } from './session-cookie.ts';
import { services } from './services.ts';

/** Starts a session for `userId` in this browser: every way of signing in ends here. */
export async function startSession(event: { cookies: Cookies; url: URL; request: Request }, userId: string): Promise<void> {
	const token = generateSessionToken();
	const session = await createSession(services().db, token, userId, undefined, { userAgent: event.request.headers.get('user-agent') });
	setSessionCookie(event.cookies, event.url, token, session.expiresAt);
}

/**
 * Between the password and the second factor: the challenge token (an account token, stored as a
 * hash) rides in a cookie scoped to /signin, so the code form needs no password again and an
 * abandoned sign-in leaves nothing that signs anyone in.
 */
export const CHALLENGE_COOKIE = 'bw_sign_in';
export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;

export function setChallengeCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(CHALLENGE_COOKIE, token, {
		path: '/signin',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url),
		maxAge: CHALLENGE_LIFETIME_MS / 1000
	});
}

export function deleteChallengeCookie(cookies: Cookies, url: URL): void {
	cookies.delete(CHALLENGE_COOKIE, { path: '/signin', httpOnly: true, sameSite: 'lax', secure: secure(url) });
}
