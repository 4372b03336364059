import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session.ts';
import type { Db } from '../db/client.ts';
import { collabAccess, type CollabCredentials } from '../policy.ts';
import type { FailureThrottle } from '../auth/rate-limit.ts';
import { recordRefusal } from '../sharing/audit.ts';
import { shareLinkIdOf } from '../sharing/links.ts';
import { COOKIE_CREDENTIALS, RATE_LIMITED, REFUSAL, refusal, SHARE_TOKEN_PREFIX, type RefusalReason } from './close-events.ts';
import { decidedFields, type CollabContext } from './context.ts';
import { parseDocumentName } from '../../src/lib/shared/collab/document-name.ts';

function readCookie(header: string | null, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const [key, ...rest] = part.trim().split('=');
		if (key === name) return decodeURIComponent(rest.join('='));
	}
	return undefined;
}

/**
 * A cookie rides along with any page's WebSocket to us, so a cookie-authenticated connection must
 * come from a page of our own origin (cross-site WebSocket hijacking). Tokens sent in the message
 * body are not ambient, and need no such check.
 */
function isSameOrigin(headers: Headers, publicOrigin: string | undefined): boolean {
	const origin = headers.get('origin');
	if (!origin) return false;
	if (publicOrigin) return origin === publicOrigin;
	try {
		return new URL(origin).host === headers.get('host');
	} catch {
		return false;
	}
}

export class AuthenticationExtension implements Extension<CollabContext> {
	extensionName = 'authentication';
	readonly #db: Db;
	readonly #publicOrigin: string | undefined;
	readonly #shareThrottle: FailureThrottle;

	constructor(db: Db, publicOrigin: string | undefined, shareThrottle: FailureThrottle) {
		this.#db = db;
		this.#publicOrigin = publicOrigin;
		this.#shareThrottle = shareThrottle;
	}

	async onAuthenticate(payload: onAuthenticatePayload<CollabContext>): Promise<CollabContext> {
		const target = parseDocumentName(payload.documentName);
		if (!target) throw refusal(REFUSAL.notFound);

		const credentials = await this.#credentialsOf(payload);
		// The same decision the access watcher takes again whenever something it rests on changes.
		const decision = await collabAccess(this.#db, credentials, target);
		if (decision.access === 'none') {
			if (credentials.kind === 'share-link') await this.#refuseShare(payload, decision.share, decision.refusal);
			throw refusal(decision.refusal);
		}

		payload.connectionConfig.readOnly = decision.access !== 'write';
		if (credentials.kind === 'share-link') payload.context.transport?.redactPresence();
		return { ...decidedFields(decision), target, credentials, transport: payload.context.transport };
	}

	/** The session or share link the connection presents; refuses one that names nothing. */
	async #credentialsOf(payload: onAuthenticatePayload<CollabContext>): Promise<CollabCredentials> {
		if (payload.token.startsWith(SHARE_TOKEN_PREFIX)) {
			const found = await shareLinkIdOf(this.#db, payload.token.slice(SHARE_TOKEN_PREFIX.length));
			if (!found.ok) return this.#refuseShare(payload, { reason: found.reason }, REFUSAL.linkNotValid);
			return { kind: 'share-link', linkId: found.linkId };
		}

		let token = payload.token;
		if (token === COOKIE_CREDENTIALS) {
			if (!isSameOrigin(payload.requestHeaders, this.#publicOrigin)) throw refusal(REFUSAL.unauthenticated);
			token = readCookie(payload.requestHeaders.get('cookie'), SESSION_COOKIE) ?? '';
		}
		// Validating here (not in the policy) slides the session's expiry, as a page request does.
		const validation = await validateSessionToken(this.#db, token);
		if (!validation) throw refusal(REFUSAL.unauthenticated);
		return { kind: 'session', sessionId: validation.session.id };
	}

	/**
	 * A refused share link counts against the address as over HTTP (one throttle for both), and is
	 * audited a row per address, link, reason and minute. Only failures count: the token was looked
	 * up first, so a valid link opens from an address others have guessed from. Once the address is
	 * throttled, each further failure also closes the socket, so every guess costs a new connection.
	 */
	async #refuseShare(
		payload: onAuthenticatePayload<CollabContext>,
		detail: { reason: string; linkId?: string; clientId?: string } | undefined,
		reason: RefusalReason
	): Promise<never> {
		const address = payload.context.address ?? 'unknown';
		const throttled = !(await this.#shareThrottle.check(address)).allowed;
		await this.#shareThrottle.fail(address);
		const why = detail?.reason === 'wrong-document' ? 'wrong document' : (detail?.reason ?? 'unknown');
		await recordRefusal(this.#db, {
			linkId: detail?.linkId ?? null,
			clientId: detail?.clientId ?? null,
			detail: `live connection: ${why}${throttled ? ', throttled' : ''}`,
			ipAddress: address,
			userAgent: payload.requestHeaders.get('user-agent')
		});
		if (!throttled) throw refusal(reason);
		const transport = payload.context.transport;
		// After Hocuspocus has sent the refusal, not before it.
		setImmediate(() => transport?.close(RATE_LIMITED.code, RATE_LIMITED.reason));
		throw refusal(REFUSAL.rateLimited);
	}
}
