import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/** RFC 6238 defaults, the only ones every authenticator app reads correctly. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that still count, for a phone clock a little off and typing time. */
export const TOTP_DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/** A new 160-bit key (RFC 4226's recommended length). */
export function newTotpKey(): Uint8Array {
	return new Uint8Array(randomBytes(20));
}

/** The key as authenticator apps take it by hand: base32, no padding. */
export function keyAsText(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key);
}

/** The otpauth:// URI an app reads from a QR code or a pasted link. */
export function totpUri(issuer: string, accountName: string, key: Uint8Array): string {
	return createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

export function totpStep(now: number): number {
	return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an app shows at `now`; for tests and nothing else on the server. */
export function totpAt(key: Uint8Array, now: number): string {
	return generateHOTP(key, BigInt(totpStep(now)), TOTP_DIGITS);
}

function sameCode(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The time step a code belongs to, if it is valid at `now` and newer than `lastUsedStep`.
 * Refusing a step already used stops a code seen over a shoulder (or replayed from a proxy log)
 * from signing in a second time inside its 30 seconds; the caller stores the step it gets back.
 */
export function acceptTotp(key: Uint8Array, code: string, now: number, lastUsedStep: number | null): number | null {
	const typed = code.replace(/[\s-]/g, '');
	if (!/^\d{6}$/.test(typed)) return null;
	const current = totpStep(now);
	for (let offset = -TOTP_DRIFT_STEPS; offset <= TOTP_DRIFT_STEPS; offset++) {
		const step = current + offset;
		if (step < 0 || (lastUsedStep !== null && step <= lastUsedStep)) continue;
		if (sameCode(generateHOTP(key, BigInt(step), TOTP_DIGITS), typed)) return step;
	}
	return null;
}

/** Recovery codes read aloud or typed from paper: no 0/O or 1/I/L to confuse. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function normaliseRecoveryCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): string {
	return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}

/**
 * Ten codes of 10 characters (about 50 bits each: enough with the sign-in throttle in front, and
 * a plain hash suffices because they are random, not chosen). Shown once; only hashes are kept.
 */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
	const codes: string[] = [];
	for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
		const bytes = randomBytes(10);
		let raw = '';
		for (const byte of bytes) raw += RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length];
		codes.push(`${raw.slice(0, 5)}-${raw.slice(5)}`);
	}
	return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** Which stored hash a typed recovery code matches, so the caller can strike that one out. */
export function matchRecoveryCode(code: string, unusedHashes: readonly string[]): string | null {
	const normalised = normaliseRecoveryCode(code);
	if (!/^[A-Z0-9]{10}$/.test(normalised)) return null;
	const typed = hashRecoveryCode(normalised);
	return unusedHashes.find((hash) => sameCode(hash, typed)) ?? null;
}
