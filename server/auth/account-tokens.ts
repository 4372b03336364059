import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { accountTokens, type AccountToken, type AccountTokenPurpose } from '../db/schema.ts';

export const RESET_LIFETIME_MS = 60 * 60 * 1000;
export const VERIFY_LIFETIME_MS = 24 * 60 * 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const plausible = (token: string) => /^[A-Za-z0-9_-]{20,64}$/.test(token);

/** A new single-use token for the link in an email; only its hash is stored. */
export async function issueAccountToken(
	db: Executor,
	input: { userId: string; purpose: AccountTokenPurpose; email: string; lifetimeMs: number; now?: number }
): Promise<string> {
	const token = randomBytes(24).toString('base64url');
	const now = input.now ?? Date.now();
	await db.insert(accountTokens).values({
		id: hash(token),
		userId: input.userId,
		purpose: input.purpose,
		email: input.email,
		createdAt: new Date(now),
		expiresAt: new Date(now + input.lifetimeMs)
	});
	return token;
}

/** The token's row while it can still be used, without using it (to show the form it opens). */
export async function peekAccountToken(db: Executor, token: string, purpose: AccountTokenPurpose, now = Date.now()): Promise<AccountToken | undefined> {
	if (!plausible(token)) return undefined;
	const [row] = await db
		.select()
		.from(accountTokens)
		.where(and(eq(accountTokens.id, hash(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date(now))))
		.limit(1);
	return row;
}

/**
 * Uses the token, once: the conditional update lets exactly one of two racing requests have it.
 * Call inside the transaction that does what the token allows, so both happen or neither.
 */
export async function spendAccountToken(tx: Executor, token: string, purpose: AccountTokenPurpose, now = Date.now()): Promise<AccountToken | undefined> {
	if (!plausible(token)) return undefined;
	const [row] = await tx
		.update(accountTokens)
		.set({ usedAt: new Date(now) })
		.where(and(eq(accountTokens.id, hash(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date(now))))
		.returning();
	return row;
}

/** Ends every unused token of this purpose for the user: after a reset, older reset links are dead too. */
export async function spendAllOf(tx: Executor, userId: string, purpose: AccountTokenPurpose, now = Date.now()): Promise<void> {
	await tx
		.update(accountTokens)
		.set({ usedAt: new Date(now) })
		.where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
}

/** How many tokens of this purpose were issued to the user since `since`: bounds the mail one form can cause. */
export async function issuedSince(db: Executor, userId: string, purpose: AccountTokenPurpose, since: number): Promise<number> {
	const rows = await db
		.select({ id: accountTokens.id })
		.from(accountTokens)
		.where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), gt(accountTokens.createdAt, new Date(since))));
	return rows.length;
}
