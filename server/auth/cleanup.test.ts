import { afterEach, describe, expect, it } from 'vitest';
import { sessions, accountTokens } from '../db/schema.ts';
import { buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { issueAccountToken, peekAccountToken, RESET_LIFETIME_MS } from './account-tokens.ts';
import { deleteExpiredCredentials } from './cleanup.ts';
import { createSession, generateSessionToken, SESSION_LIFETIME_MS } from './session.ts';

const DAY = 24 * 60 * 60 * 1000;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
	await close?.();
	close = undefined;
});

describe('deleting expired credentials', () => {
	it('removes sessions past their end and tokens a day past theirs, and nothing still usable', async () => {
		const database = await temporaryDatabase();
		close = database.close;
		const { db } = database;
		const trainer = await buildTrainer(db);
		const now = Date.now();
		const old = now - SESSION_LIFETIME_MS - 1;
		await createSession(db, generateSessionToken(), trainer.id, () => old);
		await createSession(db, generateSessionToken(), trainer.id, () => now);
		const stale = await issueAccountToken(db, {
			userId: trainer.id,
			purpose: 'reset_password',
			email: trainer.email,
			lifetimeMs: RESET_LIFETIME_MS,
			now: now - 2 * DAY
		});
		const justExpired = await issueAccountToken(db, {
			userId: trainer.id,
			purpose: 'reset_password',
			email: trainer.email,
			lifetimeMs: RESET_LIFETIME_MS,
			now: now - 2 * RESET_LIFETIME_MS
		});
		const live = await issueAccountToken(db, { userId: trainer.id, purpose: 'reset_password', email: trainer.email, lifetimeMs: RESET_LIFETIME_MS, now });

		expect(await deleteExpiredCredentials(db, now)).toEqual({ sessions: 1, tokens: 1 });
		expect(await db.select().from(sessions)).toHaveLength(1);
		expect(await db.select().from(accountTokens)).toHaveLength(2);
		expect(await peekAccountToken(db, live, 'reset_password', now)).toBeDefined();
		expect(await peekAccountToken(db, stale, 'reset_password', now)).toBeUndefined();
		expect(await peekAccountToken(db, justExpired, 'reset_password', now)).toBeUndefined();
		expect(await deleteExpiredCredentials(db, now)).toEqual({ sessions: 0, tokens: 0 });
	});
});
