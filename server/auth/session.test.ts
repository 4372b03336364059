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

const { db, close } = await temporaryDatabase();
afterAll(close);

describe('sessions', () => {
	it('stores only the SHA-256 of the token', async () => {
		const user = await buildTrainer(db);
		const token = generateSessionToken();
		await createSession(db, token, user.id);
		const stored = (await db.select().from(sessions)).map((s) => s.id);
		expect(stored).toContain(sessionIdFromToken(token));
		expect(stored).not.toContain(token);
		expect(sessionIdFromToken(token)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('gives tokens of at least 128 random bits that never repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
		expect(tokens.size).toBe(1000);
		expect(Buffer.from([...tokens][0]!, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
	});

	it('resolves a valid token to its user', async () => {
		const user = await buildTrainer(db, { name: 'Valid Val' });
		const token = generateSessionToken();
		await createSession(db, token, user.id);
		expect((await validateSessionToken(db, token))?.user).toMatchObject({ id: user.id, name: 'Valid Val', role: 'trainer' });
	});

	it('refuses an unknown token and an empty one', async () => {
		expect(await validateSessionToken(db, generateSessionToken())).toBeNull();
		expect(await validateSessionToken(db, '')).toBeNull();
	});

	it('expires after its lifetime and deletes the row', async () => {
		const user = await buildTrainer(db);
		const token = generateSessionToken();
		const start = Date.UTC(2026, 0, 1);
		await createSession(db, token, user.id, () => start);
		expect(await validateSessionToken(db, token, () => start + SESSION_LIFETIME_MS)).toBeNull();
		expect(await validateSessionToken(db, token, () => start)).toBeNull();
	});

	it('slides the expiry forward when used in the renewal window, and only then', async () => {
		const user = await buildTrainer(db);
		const token = generateSessionToken();
		const start = Date.UTC(2026, 0, 1);
		await createSession(db, token, user.id, () => start);

		const early = await validateSessionToken(db, token, () => start + 1000);
		expect(early?.renewed).toBe(false);
		expect(early?.session.expiresAt.getTime()).toBe(start + SESSION_LIFETIME_MS);

		const late = start + SESSION_LIFETIME_MS - SESSION_RENEW_WITHIN_MS + 1;
		const renewed = await validateSessionToken(db, token, () => late);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(late + SESSION_LIFETIME_MS);
		// The renewal was stored: past the original expiry the session still holds.
		expect(await validateSessionToken(db, token, () => start + SESSION_LIFETIME_MS + 1000)).not.toBeNull();
	});

	it('is gone after sign-out', async () => {
		const user = await buildTrainer(db);
		const token = generateSessionToken();
		const session = await createSession(db, token, user.id);
		await invalidateSession(db, session.id);
		expect(await validateSessionToken(db, token)).toBeNull();
	});
});
