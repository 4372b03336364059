import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$server/auth/session.ts';
import { services } from './services.ts';

export function secure(url: URL): boolean {
	// Secure in production; plain http://127.0.0.1 in development and tests would drop it otherwise.
	return services().config.production || url.protocol === 'https:';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url),
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(url) });
}
