// Reasons a connection is refused or closed. The client reads `reason` to tell the person why.
export const REFUSAL = {
	/** No credentials, or a session that has expired or been signed out. */
	unauthenticated: 'unauthenticated',
	/** Signed in, but this document is not theirs to open. */
	forbidden: 'forbidden',
	/** The document name does not name a document we know. */
	notFound: 'not-found',
	/** A share link that is unknown, expired, revoked or no longer covered by consent. */
	linkNotValid: 'link-not-valid'
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
