import { and, eq } from 'drizzle-orm';
import { DEFAULT_TIME_ZONE, isTimeZone, localDateAndHour } from '../../src/lib/shared/time-zone.ts';
import { describeReportDue } from '../../src/lib/practice/client-list.ts';
import { issueAccountToken } from '../auth/account-tokens.ts';
import type { Db } from '../db/client.ts';
import { mailPreferences, practiceSettings, users } from '../db/schema.ts';
import { clientOverview } from '../practice/home.ts';
import { describeDue, followUpAgenda } from '../../src/lib/shared/referrals/follow-ups.ts';
import { readStoredPractice } from '../referrals/stored-practice.server.ts';
import { plannedLabels } from '../../src/lib/shared/referrals/vocabulary.ts';
import type { Mailer } from './mailer.ts';
import { digestMail } from './messages/digest.ts';
import { mailByKey } from './outbox.ts';

/**
 * "Morning" in the practice's time zone (UTC until the trainer sets one): digests are queued from
 * 07:00 until noon there. The noon end keeps a server that was down all morning from sending a
 * "morning" email in the afternoon.
 */
export const DIGEST_FROM_HOUR = 7;
export const DIGEST_UNTIL_HOUR = 12;
/** An unsubscribe link keeps working long after the email that carried it. */
export const UNSUBSCRIBE_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
const CHECK_EVERY_MS = 10 * 60 * 1000;

export const digestKey = (trainerId: string, date: string) => `digest:${trainerId}:${date}`;
export const unsubscribePath = (token: string) => `/unsubscribe/${token}`;

export interface DigestOptions {
	/** Where links in the email point: ORIGIN, or this server's own address. */
	origin: string;
	now?: () => number;
}

/**
 * Queues today's digest for every trainer who opted in and has something due, once: the queue key
 * `digest:<trainer>:<date>` makes a second run, a restart or a second instance find it queued.
 * Nothing due, no email. Returns how many were queued by this call.
 */
export async function queueDigests(db: Db, mailer: Pick<Mailer, 'send'>, options: DigestOptions): Promise<number> {
	const now = (options.now ?? Date.now)();
	const trainers = await db
		.select({ id: users.id, name: users.name, email: users.email, timeZone: practiceSettings.timeZone })
		.from(mailPreferences)
		.innerJoin(users, eq(users.id, mailPreferences.userId))
		.leftJoin(practiceSettings, eq(practiceSettings.trainerId, users.id))
		.where(and(eq(mailPreferences.dailyDigest, true), eq(users.role, 'trainer')));
	let queued = 0;
	for (const trainer of trainers) {
		const timeZone = trainer.timeZone && isTimeZone(trainer.timeZone) ? trainer.timeZone : DEFAULT_TIME_ZONE;
		const { date, hour } = localDateAndHour(now, timeZone);
		if (hour < DIGEST_FROM_HOUR || hour >= DIGEST_UNTIL_HOUR) continue;
		// The practice's own date: a Tokyo practice's Tuesday starts while UTC still reads Monday.
		const key = digestKey(trainer.id, date);
		// Already queued today (here or by another instance): no second token, no second look.
		if (await mailByKey(db, key)) continue;
		const followUps = followUpAgenda(await readStoredPractice(db, trainer.id), date).due.map((followUp) => ({
			what: `${followUp.provider.name}: ${plannedLabels[followUp.kind].toLowerCase()}`,
			when: describeDue(followUp, date)
		}));
		const reports = (await clientOverview(db, trainer.id, now)).clients
			.map((client) => ({ client, due: describeReportDue(client.nextReportDue, now) }))
			.filter(({ due }) => due.overdue)
			.map(({ client, due }) => ({ what: `${client.name}: progress report`, when: due.text }));
		if (followUps.length + reports.length === 0) continue;
		const token = await issueAccountToken(db, {
			userId: trainer.id,
			purpose: 'unsubscribe_digest',
			email: trainer.email,
			lifetimeMs: UNSUBSCRIBE_LIFETIME_MS,
			now
		});
		const unsubscribeUrl = `${options.origin}${unsubscribePath(token)}`;
		const row = await mailer.send({
			kind: 'digest',
			ownerId: trainer.id,
			dedupeKey: key,
			to: trainer.email,
			toName: trainer.name,
			// RFC 8058: a mail client may offer its own "Unsubscribe" button, which POSTs to the link.
			headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
			...digestMail({
				trainerName: trainer.name,
				date,
				followUps,
				reports,
				homeUrl: `${options.origin}/`,
				unsubscribeUrl,
				settingsUrl: `${options.origin}/account/email`
			})
		});
		if (row) queued++;
	}
	return queued;
}

/** Looks every ten minutes, and at start-up; never throws (a failed run is logged, the next tries again). */
export function startDigestTimer(db: Db, mailer: Pick<Mailer, 'send'>, options: DigestOptions): () => void {
	const run = async () => {
		try {
			await queueDigests(db, mailer, options);
		} catch (error) {
			console.error('[digest] queueing the morning digests failed; tried again in ten minutes:', error);
		}
	};
	void run();
	const timer = setInterval(() => void run(), CHECK_EVERY_MS);
	timer.unref();
	return () => clearInterval(timer);
}
