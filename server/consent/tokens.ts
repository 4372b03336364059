import { createHash, randomBytes } from 'node:crypto';

/** 160 random bits as URL-safe text: invitation and share-link tokens alike. */
export function generateLinkToken(): string {
	return randomBytes(20).toString('base64url');
}

export function hashLinkToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Tokens we issue are 27 base64url characters; anything else is not worth a database look-up. */
export function looksLikeLinkToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{20,64}$/.test(token);
}
