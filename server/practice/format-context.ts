import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { clients, practiceSettings } from '../db/schema.ts';
import { DEFAULT_FORMAT, DEFAULT_LOCALE, isLocaleChoice, type FormatContext } from '../../src/lib/shared/format.ts';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../src/lib/shared/time-zone.ts';

/**
 * How the practice writes dates and numbers: its locale and time zone, en-GB and UTC until chosen.
 * Every page, PDF and message of the practice formats with this one context (src/lib/shared/format.ts).
 */
export async function practiceFormat(db: Executor, trainerId: string): Promise<FormatContext> {
	const [row] = await db
		.select({ locale: practiceSettings.locale, timeZone: practiceSettings.timeZone })
		.from(practiceSettings)
		.where(eq(practiceSettings.trainerId, trainerId))
		.limit(1);
	// A stored value this runtime no longer offers reads as the default rather than failing a page.
	return {
		locale: row?.locale && isLocaleChoice(row.locale) ? row.locale : DEFAULT_LOCALE,
		timeZone: row?.timeZone && isTimeZone(row.timeZone) ? row.timeZone : DEFAULT_TIME_ZONE
	};
}

/** The practice a signed-in person reads: their own for a trainer, their trainer's for a client (the first linked). */
export async function formatContextOfUser(db: Executor, user: { id: string; role: string }): Promise<FormatContext> {
	if (user.role === 'trainer') return practiceFormat(db, user.id);
	const [linked] = await db
		.select({ trainerId: clients.trainerId })
		.from(clients)
		.where(and(eq(clients.userId, user.id), isNull(clients.deletedAt), isNull(clients.purgedAt)))
		.orderBy(asc(clients.createdAt))
		.limit(1);
	return linked ? practiceFormat(db, linked.trainerId) : DEFAULT_FORMAT;
}

export async function setPracticeLocale(db: Executor, trainerId: string, locale: string): Promise<void> {
	if (!isLocaleChoice(locale)) throw new RangeError(`${locale} is not a way of writing dates Bridgework offers.`);
	await db.insert(practiceSettings).values({ trainerId, locale }).onConflictDoUpdate({ target: practiceSettings.trainerId, set: { locale } });
}
