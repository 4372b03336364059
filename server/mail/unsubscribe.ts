import type http from 'node:http';
import { peekAccountToken } from '../auth/account-tokens.ts';
import type { Db } from '../db/client.ts';
import { escapeHtml } from './messages/layout.ts';
import { stopDailyDigest } from './preferences.ts';

export type UnsubscribeOutcome = 'stopped' | 'invalid';

/**
 * The digest's unsubscribe link works without signing in: the token in it is the credential. It is
 * a random account token of its own purpose (only its hash is stored, as for password resets), so
 * it can turn off the digest and nothing else; a forged or altered one matches no row.
 * It is not used up: a second click, or a mail client's one-click POST after the person's, is a no-op.
 */
export async function unsubscribeDigest(db: Db, token: string, now = Date.now()): Promise<UnsubscribeOutcome> {
	const row = await peekAccountToken(db, token, 'unsubscribe_digest', now);
	if (!row) return 'invalid';
	await stopDailyDigest(db, row.userId, new Date(now));
	return 'stopped';
}

export const UNSUBSCRIBED = 'Done: the morning digest is off. Turn it on again in your email settings.';
export const NOT_VALID = 'This unsubscribe link is not valid, so nothing was changed. Sign in and turn the digest off in your email settings.';

const PATH = /^\/unsubscribe\/([^/?#]+)\/?(?:\?.*)?$/;

/**
 * POST /unsubscribe/<token>, answered before SvelteKit: RFC 8058's one-click POST comes from a mail
 * provider's server with no Origin header, which SvelteKit's CSRF check refuses. The token is the
 * whole authority, so a cross-site POST can do no more than the link itself. The confirmation
 * page's button posts here too.
 */
export function handleUnsubscribePost(req: http.IncomingMessage, res: http.ServerResponse, db: Db): boolean {
	if (req.method !== 'POST') return false;
	const match = PATH.exec(req.url ?? '');
	if (!match) return false;
	// The body is "List-Unsubscribe=One-Click" or the button's empty form; the token decides.
	req.resume();
	const token = decodeURIComponent(match[1]!);
	void unsubscribeDigest(db, token).then(
		(outcome) => answer(res, outcome === 'stopped' ? 200 : 400, outcome === 'stopped' ? UNSUBSCRIBED : NOT_VALID),
		(error: unknown) => {
			console.error('[unsubscribe] could not turn the digest off:', error);
			answer(res, 503, 'The digest could not be turned off just now. Try the link again in a minute.');
		}
	);
	return true;
}

function answer(res: http.ServerResponse, status: number, message: string): void {
	res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	res.end(
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Email settings · Bridgework</title></head>` +
			`<body><h1>Morning digest</h1><p role="status">${escapeHtml(message)}</p>` +
			`<p><a href="/account/email">Email settings</a></p></body></html>`
	);
}
