import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.ts';

describe('passwords', () => {
	it('hashes with argon2id and a random salt', async () => {
		const a = await hashPassword('correct horse battery');
		const b = await hashPassword('correct horse battery');
		expect(a).toMatch(/^\$argon2id\$/);
		expect(a).not.toBe(b);
	});

	it('verifies the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('correct horse battery');
		await expect(verifyPassword(stored, 'correct horse battery')).resolves.toBe(true);
		await expect(verifyPassword(stored, 'correct horse batterY')).resolves.toBe(false);
	});

	it('treats a malformed stored hash as a wrong password, not a crash', async () => {
		await expect(verifyPassword('not-a-hash', 'anything')).resolves.toBe(false);
	});

	it('never accepts a password for an unknown account', async () => {
		await expect(verifyAgainstDummy('bridgework-timing-equaliser')).resolves.toBe(false);
	});
});
