import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { mailPreferences } from '../db/schema.ts';

export interface MailChoices {
	firstViewNotice: boolean;
	dailyDigest: boolean;
}

export async function mailChoicesOf(db: Executor, userId: string): Promise<MailChoices> {
	const [row] = await db.select().from(mailPreferences).where(eq(mailPreferences.userId, userId)).limit(1);
	return { firstViewNotice: row?.firstViewNotice ?? false, dailyDigest: row?.dailyDigest ?? false };
}

export async function setMailChoices(db: Executor, userId: string, choices: MailChoices, now = new Date()): Promise<void> {
	await db
		.insert(mailPreferences)
		.values({ userId, ...choices, updatedAt: now })
		.onConflictDoUpdate({ target: mailPreferences.userId, set: { ...choices, updatedAt: now } });
}

/** Turns the digest off and nothing else (the unsubscribe link); true if it was on. */
export async function stopDailyDigest(db: Executor, userId: string, now = new Date()): Promise<boolean> {
	const rows = await db
		.update(mailPreferences)
		.set({ dailyDigest: false, updatedAt: now })
		.where(and(eq(mailPreferences.userId, userId), eq(mailPreferences.dailyDigest, true)))
		.returning({ userId: mailPreferences.userId });
	return rows.length === 1;
}
