import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { calendarFeeds } from '../db/schema.ts';

// The follow-up calendar feed is fetched by a calendar app that has no session: the secret in its
// address is the credential. Like a session token, only its SHA-256 is stored, so a copy of the
// database cannot be turned into feed addresses. One feed per trainer; issuing a new one revokes
// the old, and revoking deletes the row.

const TOKEN_BYTES = 24;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

function hash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function issueFeedToken(db: Db, trainerId: string): Promise<string> {
	const token = randomBytes(TOKEN_BYTES).toString('base64url');
	const tokenHash = hash(token);
	await db
		.insert(calendarFeeds)
		.values({ trainerId, tokenHash, createdAt: new Date() })
		.onConflictDoUpdate({ target: calendarFeeds.trainerId, set: { tokenHash, createdAt: new Date() } });
	return token;
}

export async function revokeFeedToken(db: Db, trainerId: string): Promise<boolean> {
	const deleted = await db.delete(calendarFeeds).where(eq(calendarFeeds.trainerId, trainerId)).returning({ trainerId: calendarFeeds.trainerId });
	return deleted.length > 0;
}

export async function feedIssuedAt(db: Db, trainerId: string): Promise<Date | null> {
	const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.trainerId, trainerId)).limit(1);
	return row?.createdAt ?? null;
}

export async function trainerOfFeedToken(db: Db, token: string): Promise<string | null> {
	if (!TOKEN_SHAPE.test(token)) return null;
	const [row] = await db
		.select({ trainerId: calendarFeeds.trainerId })
		.from(calendarFeeds)
		.where(eq(calendarFeeds.tokenHash, hash(token)))
		.limit(1);
	return row?.trainerId ?? null;
}
