import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session.ts';
import type { Db } from '../db/client.ts';
import type { Access, Actor } from '../policy.ts';
import { documentAccess, practiceAccess, shareAccess, userActor } from '../policy.ts';
import { recordAudit } from '../sharing/audit.ts';
import { COOKIE_CREDENTIALS, REFUSAL, refusal, SHARE_TOKEN_PREFIX } from './close-events.ts';
import type { CollabContext } from './context.ts';
import { parseDocumentName, type DocumentName } from './document-name.ts';

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

	constructor(db: Db, publicOrigin: string | undefined) {
		this.#db = db;
		this.#publicOrigin = publicOrigin;
	}

	async onAuthenticate(payload: onAuthenticatePayload<CollabContext>): Promise<CollabContext> {
		const name = parseDocumentName(payload.documentName);
		if (!name) throw refusal(REFUSAL.notFound);

		if (payload.token.startsWith(SHARE_TOKEN_PREFIX)) {
			// A share link opens one client document, never a practice.
			if (name.kind !== 'document') throw refusal(REFUSAL.linkNotValid);
			return this.#authenticateShare(payload, name);
		}

		let token = payload.token;
		if (token === COOKIE_CREDENTIALS) {
			if (!isSameOrigin(payload.requestHeaders, this.#publicOrigin)) throw refusal(REFUSAL.unauthenticated);
			token = readCookie(payload.requestHeaders.get('cookie'), SESSION_COOKIE) ?? '';
		}
		const validation = validateSessionToken(this.#db, token);
		if (!validation) throw refusal(REFUSAL.unauthenticated);

		const actor = userActor(validation.user);
		const { access, clientId } = this.#accessTo(actor, name);
		if (access === 'none') throw refusal(REFUSAL.forbidden);

		payload.connectionConfig.readOnly = access !== 'write';
		return {
			actor,
			access,
			target: name,
			clientId,
			displayName: validation.user.name,
			sessionId: validation.session.id,
			transport: payload.context.transport
		};
	}

	#accessTo(actor: Actor, name: DocumentName): { access: Access; clientId?: string } {
		if (name.kind === 'practice') return { access: practiceAccess(actor, name.trainerId) };
		const { access, client } = documentAccess(this.#db, actor, name.documentId);
		return { access, clientId: client?.id };
	}

	#authenticateShare(payload: onAuthenticatePayload<CollabContext>, name: Extract<DocumentName, { kind: 'document' }>): CollabContext {
		const result = shareAccess(this.#db, payload.token.slice(SHARE_TOKEN_PREFIX.length));
		if (result.access === 'none' || result.share.document.id !== name.documentId) {
			const refusalDetail = result.access === 'none' ? result.refusal : undefined;
			recordAudit(this.#db, {
				event: 'refused',
				linkId: refusalDetail?.linkId ?? null,
				clientId: refusalDetail?.clientId ?? null,
				detail: `live connection: ${refusalDetail?.reason ?? 'wrong document'}`,
				userAgent: payload.requestHeaders.get('user-agent')
			});
			throw refusal(REFUSAL.linkNotValid);
		}
		payload.connectionConfig.readOnly = true;
		payload.context.transport?.redactPresence();
		return {
			actor: result.actor,
			access: 'read',
			target: name,
			clientId: result.share.client?.id,
			displayName: result.share.link.providerName,
			transport: payload.context.transport
		};
	}
}
