import { afterAll, describe, expect, it } from 'vitest';
import { buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { sessions } from '../db/schema.ts';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	SESSION_LIFETIME_MS,
	SESSION_RENEW_WITHIN_MS,
	sessionIdFromToken,
	validateSessionToken
} from './session.ts';

const { db, close } = temporaryDatabase();
afterAll(close);

describe('sessions', () => {
	it('stores only the SHA-256 of the token', () => {
		const user = buildTrainer(db);
		const token = generateSessionToken();
		createSession(db, token, user.id);
		const stored = db.select().from(sessions).all().map((s) => s.id);
		expect(stored).toContain(sessionIdFromToken(token));
		expect(stored).not.toContain(token);
		expect(sessionIdFromToken(token)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('gives tokens of at least 128 random bits that never repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
		expect(tokens.size).toBe(1000);
		expect(Buffer.from([...tokens][0]!, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
	});

	it('resolves a valid token to its user', () => {
		const user = buildTrainer(db, { name: 'Valid Val' });
		const token = generateSessionToken();
		createSession(db, token, user.id);
		expect(validateSessionToken(db, token)?.user).toMatchObject({ id: user.id, name: 'Valid Val', role: 'trainer' });
	});

	it('refuses an unknown token and an empty one', () => {
		expect(validateSessionToken(db, generateSessionToken())).toBeNull();
		expect(validateSessionToken(db, '')).toBeNull();
	});

	it('expires after its lifetime and deletes the row', () => {
		const user = buildTrainer(db);
		const token = generateSessionToken();
		const start = Date.UTC(2026, 0, 1);
		createSession(db, token, user.id, () => start);
		expect(validateSessionToken(db, token, () => start + SESSION_LIFETIME_MS)).toBeNull();
		expect(validateSessionToken(db, token, () => start)).toBeNull();
	});

	it('slides the expiry forward when used in the renewal window, and only then', () => {
		const user = buildTrainer(db);
		const token = generateSessionToken();
		const start = Date.UTC(2026, 0, 1);
		createSession(db, token, user.id, () => start);

		const early = validateSessionToken(db, token, () => start + 1000);
		expect(early?.renewed).toBe(false);
		expect(early?.session.expiresAt.getTime()).toBe(start + SESSION_LIFETIME_MS);

		const late = start + SESSION_LIFETIME_MS - SESSION_RENEW_WITHIN_MS + 1;
		const renewed = validateSessionToken(db, token, () => late);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(late + SESSION_LIFETIME_MS);
		// The renewal was stored: past the original expiry the session still holds.
		expect(validateSessionToken(db, token, () => start + SESSION_LIFETIME_MS + 1000)).not.toBeNull();
	});

	it('is gone after sign-out', () => {
		const user = buildTrainer(db);
		const token = generateSessionToken();
		const session = createSession(db, token, user.id);
		invalidateSession(db, session.id);
		expect(validateSessionToken(db, token)).toBeNull();
	});
});
