import { lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accountTokens, sessions } from '../db/schema.ts';

/**
 * Tokens are kept a day past their expiry: the mail-per-hour bound counts the ones issued in the
 * last hour, and a day's grace keeps that count whole whatever the lifetimes are.
 */
const TOKEN_GRACE_MS = 24 * 60 * 60 * 1000;

/** Removes sessions and account tokens that can never work again: nothing reads them, and a copy of the database should hold no more than it must. */
export async function deleteExpiredCredentials(db: Db, now = Date.now()): Promise<{ sessions: number; tokens: number }> {
	const endedSessions = await db
		.delete(sessions)
		.where(lt(sessions.expiresAt, new Date(now)))
		.returning({ id: sessions.id });
	const deadTokens = await db
		.delete(accountTokens)
		.where(lt(accountTokens.expiresAt, new Date(now - TOKEN_GRACE_MS)))
		.returning({ id: accountTokens.id });
	return { sessions: endedSessions.length, tokens: deadTokens.length };
}
