// Reasons a connection is refused or closed. The client reads `reason` to tell the person why.
export const REFUSAL = {
	/** No credentials, or a session that has expired or been signed out. */
	unauthenticated: 'unauthenticated',
	/** Signed in, but this document is not theirs to open. */
	forbidden: 'forbidden',
	/** The document name does not name a document we know. */
	notFound: 'not-found',
	/** A share link that is unknown, expired, revoked or no longer covered by consent. */
	linkNotValid: 'link-not-valid',
	/** Too many bad share tokens from this address: wait, or open the link you were sent. */
	rateLimited: 'rate-limited'
} as const;
export type RefusalReason = (typeof REFUSAL)[keyof typeof REFUSAL];

/** Hocuspocus sends `reason` to the client as its permission-denied message. */
export function refusal(reason: RefusalReason): { reason: RefusalReason } {
	return { reason };
}

/** The token a browser sends: its credentials are the httpOnly session cookie of the upgrade request. */
export const COOKIE_CREDENTIALS = 'cookie';

/** Tokens of the form "share:<token>" are a provider's share link, not a session. */
export const SHARE_TOKEN_PREFIX = 'share:';

/** A socket that sends faster than any editor would. */
export const RATE_LIMITED = { code: 4429, reason: 'rate-limited' } as const;

/** A frame whose envelope cannot be read: closed before Hocuspocus parses it. */
export const MALFORMED_FRAME = { code: 4400, reason: 'malformed-frame' } as const;

/**
 * An update the document cannot take (unreadable, depending on changes the server never had, or
 * holding what the document schema does not know): not stored, applied or relayed. The document
 * connection is closed with this reason, which the provider reports in its `close` event.
 */
export const UPDATE_REFUSED = { code: 4422, reason: 'update-refused' } as const;
