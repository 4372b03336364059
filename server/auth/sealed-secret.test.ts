import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './sealed-secret.ts';

describe('sealed TOTP keys', () => {
	const master = new Uint8Array(randomBytes(32));
	const secret = new Uint8Array(randomBytes(20));

	it('opens what it sealed, and seals differently each time', () => {
		const a = sealSecret(master, 'user-1', secret);
		const b = sealSecret(master, 'user-1', secret);
		expect(a).not.toBe(b);
		expect(openSecret(master, 'user-1', a)).toEqual(secret);
		expect(a).not.toContain(Buffer.from(secret).toString('base64url'));
	});

	it('refuses another owner, another key, and any altered byte', () => {
		const sealed = sealSecret(master, 'user-1', secret);
		expect(openSecret(master, 'user-2', sealed)).toBeNull();
		expect(openSecret(new Uint8Array(randomBytes(32)), 'user-1', sealed)).toBeNull();
		const raw = Buffer.from(sealed.slice(3), 'base64url');
		raw[14] = raw[14]! ^ 1;
		expect(openSecret(master, 'user-1', 'v1.' + raw.toString('base64url'))).toBeNull();
		expect(openSecret(master, 'user-1', 'garbage')).toBeNull();
		expect(openSecret(master, 'user-1', 'v1.')).toBeNull();
	});

	it('will not seal with a key of the wrong length', () => {
		expect(() => sealSecret(new Uint8Array(16), 'user-1', secret)).toThrow(/32 bytes/);
	});
});
