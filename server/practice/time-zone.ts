import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { practiceSettings } from '../db/schema.ts';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../src/lib/shared/time-zone.ts';

/** The practice's time zone; UTC until the trainer chooses one. */
export async function practiceTimeZone(db: Executor, trainerId: string): Promise<{ timeZone: string; chosen: boolean }> {
	const [row] = await db.select({ timeZone: practiceSettings.timeZone }).from(practiceSettings).where(eq(practiceSettings.trainerId, trainerId)).limit(1);
	// A zone this runtime no longer knows (tzdata changes) reads as UTC rather than failing every morning.
	const stored = row?.timeZone && isTimeZone(row.timeZone) ? row.timeZone : null;
	return { timeZone: stored ?? DEFAULT_TIME_ZONE, chosen: stored !== null };
}

export async function setPracticeTimeZone(db: Executor, trainerId: string, timeZone: string): Promise<void> {
	if (!isTimeZone(timeZone)) throw new RangeError(`${timeZone} is not a time zone Bridgework offers.`);
	await db.insert(practiceSettings).values({ trainerId, timeZone }).onConflictDoUpdate({ target: practiceSettings.trainerId, set: { timeZone } });
}
