import { describe, expect, it } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { acceptTotp, keyAsText, matchRecoveryCode, newRecoveryCodes, newTotpKey, totpAt, totpStep, totpUri } from './two-factor.ts';

// The clock is an argument, so a fixed instant is the fake clock: 2026-12-02T12:00:00Z.
const NOON = Date.UTC(2026, 11, 2, 12, 0, 0);
const STEP_MS = 30_000;

describe('TOTP verification', () => {
	// RFC 6238 appendix B, SHA-1 key "12345678901234567890", truncated to six digits.
	const rfcKey = new TextEncoder().encode('12345678901234567890');

	it('matches the RFC 6238 test vectors', () => {
		expect(totpAt(rfcKey, 59_000)).toBe('287082');
		expect(totpAt(rfcKey, 1_111_111_109_000)).toBe('081804');
		expect(totpAt(rfcKey, 1_234_567_890_000)).toBe('005924');
	});

	it('accepts the current code and one step either side, nothing further', () => {
		const key = newTotpKey();
		expect(acceptTotp(key, totpAt(key, NOON), NOON, null)).toBe(totpStep(NOON));
		expect(acceptTotp(key, totpAt(key, NOON - STEP_MS), NOON, null)).toBe(totpStep(NOON) - 1);
		expect(acceptTotp(key, totpAt(key, NOON + STEP_MS), NOON, null)).toBe(totpStep(NOON) + 1);
		expect(acceptTotp(key, totpAt(key, NOON - 2 * STEP_MS), NOON, null)).toBeNull();
		expect(acceptTotp(key, totpAt(key, NOON + 2 * STEP_MS), NOON, null)).toBeNull();
	});

	it('refuses a code whose step was already used, and any older one', () => {
		const key = newTotpKey();
		const code = totpAt(key, NOON);
		const used = acceptTotp(key, code, NOON, null);
		expect(used).not.toBeNull();
		expect(acceptTotp(key, code, NOON + 1000, used)).toBeNull();
		expect(acceptTotp(key, totpAt(key, NOON - STEP_MS), NOON, used)).toBeNull();
		expect(acceptTotp(key, totpAt(key, NOON + STEP_MS), NOON + STEP_MS, used)).toBe(used! + 1);
	});

	it('tolerates spaces and a dash, refuses anything not six digits', () => {
		const key = newTotpKey();
		const code = totpAt(key, NOON);
		expect(acceptTotp(key, `${code.slice(0, 3)} ${code.slice(3)}`, NOON, null)).not.toBeNull();
		expect(acceptTotp(key, `${code.slice(0, 3)}-${code.slice(3)}`, NOON, null)).not.toBeNull();
		expect(acceptTotp(key, code.slice(0, 5), NOON, null)).toBeNull();
		expect(acceptTotp(key, 'abcdef', NOON, null)).toBeNull();
		expect(acceptTotp(key, '', NOON, null)).toBeNull();
	});

	it('refuses another key’s code', () => {
		const key = newTotpKey();
		const other = newTotpKey();
		expect(acceptTotp(key, totpAt(other, NOON), NOON, null)).toBeNull();
	});

	it('gives apps the key as base32 and an otpauth URI they read', () => {
		const key = newTotpKey();
		const text = keyAsText(key);
		expect(text).toMatch(/^[A-Z2-7]{32}$/);
		expect(decodeBase32IgnorePadding(text)).toEqual(key);
		const uri = new URL(totpUri('Bridgework', 'trainer@example.test', key));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.searchParams.get('secret')).toBe(text);
		expect(uri.searchParams.get('issuer')).toBe('Bridgework');
		expect(uri.searchParams.get('digits')).toBe('6');
		expect(uri.searchParams.get('period')).toBe('30');
	});

	it('agrees with the library’s own clock-based code, as an app computing it now would', () => {
		const key = newTotpKey();
		const now = Date.now();
		const fromLibrary = generateTOTP(key, 30, 6);
		// The library read its own clock; it may have crossed a step boundary since `now`.
		expect(acceptTotp(key, fromLibrary, now, null)).not.toBeNull();
	});
});

describe('recovery codes', () => {
	it('makes ten distinct codes, keeps only their hashes', () => {
		const { codes, hashes } = newRecoveryCodes();
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
		for (const [i, hash] of hashes.entries()) {
			expect(hash).toMatch(/^[0-9a-f]{64}$/);
			expect(hash).not.toContain(codes[i]!.replace('-', ''));
		}
	});

	it('matches a typed code however it is cased or spaced, and names the hash to strike out', () => {
		const { codes, hashes } = newRecoveryCodes();
		const code = codes[3]!;
		expect(matchRecoveryCode(code, hashes)).toBe(hashes[3]);
		expect(matchRecoveryCode(code.toLowerCase().replace('-', ' '), hashes)).toBe(hashes[3]);
		expect(
			matchRecoveryCode(
				code,
				hashes.filter((_, i) => i !== 3)
			)
		).toBeNull();
		expect(matchRecoveryCode('not-a-code', hashes)).toBeNull();
		expect(matchRecoveryCode('', hashes)).toBeNull();
	});
});
