import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for a TOTP key at rest, so a copy of the database (a backup, a dump) does not hand
 * over the second factor along with the password hashes. The row's owner id is the associated
 * data: a sealed key copied onto another account's row fails to open instead of working there.
 * Layout: "v1." + base64url(12-byte IV | ciphertext | 16-byte tag).
 */
const VERSION = 'v1.';

export function sealSecret(masterKey: Uint8Array, ownerId: string, secret: Uint8Array): string {
	if (masterKey.length !== 32) throw new Error('the sealing key must be 32 bytes');
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
	cipher.setAAD(Buffer.from(ownerId));
	const body = Buffer.concat([cipher.update(secret), cipher.final()]);
	return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The secret, or null when the text was not sealed with this key for this owner. */
export function openSecret(masterKey: Uint8Array, ownerId: string, sealed: string): Uint8Array | null {
	if (masterKey.length !== 32 || !sealed.startsWith(VERSION)) return null;
	const raw = Buffer.from(sealed.slice(VERSION.length), 'base64url');
	if (raw.length < 12 + 16 + 1) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, 12));
		decipher.setAAD(Buffer.from(ownerId));
		decipher.setAuthTag(raw.subarray(raw.length - 16));
		return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]));
	} catch {
		return null;
	}
}
