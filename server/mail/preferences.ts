import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { mailPreferences } from '../db/schema.ts';

export interface MailChoices {
	firstViewNotice: boolean;
}

export async function mailChoicesOf(db: Executor, userId: string): Promise<MailChoices> {
	const [row] = await db.select().from(mailPreferences).where(eq(mailPreferences.userId, userId)).limit(1);
	return { firstViewNotice: row?.firstViewNotice ?? false };
}

export async function setMailChoices(db: Executor, userId: string, choices: MailChoices, now = new Date()): Promise<void> {
	await db
		.insert(mailPreferences)
		.values({ userId, ...choices, updatedAt: now })
		.onConflictDoUpdate({ target: mailPreferences.userId, set: { ...choices, updatedAt: now } });
}
