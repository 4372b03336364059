import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { outgoingMail } from '../db/schema.ts';
import { buildClient, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { digestKey, queueDigests } from './digest.ts';
import { queueMail } from './outbox.ts';
import { setMailChoices } from './preferences.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

const DAY = 24 * 60 * 60 * 1000;
const send = { send: (message: Parameters<typeof queueMail>[1]) => queueMail(db, message, { deliverable: true, messageIdDomain: 'bridgework.test' }) };
const run = (now: number) => queueDigests(db, send, { origin: 'https://bridgework.test', now: () => now });
const at = (daysAhead: number, hour: number, minute = 0) => {
	const day = new Date(Date.now() + daysAhead * DAY);
	return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
};

describe('queueDigests', () => {
	it('queues only between 07:00 and noon UTC, once a day, and nothing for a trainer with nothing due', async () => {
		const busy = await buildTrainer(db);
		const idle = await buildTrainer(db);
		await buildClient(db, busy);
		await setMailChoices(db, busy.id, { firstViewNotice: false, dailyDigest: true });
		await setMailChoices(db, idle.id, { firstViewNotice: false, dailyDigest: true });

		expect(await run(at(30, 6, 59))).toBe(0);
		expect(await run(at(30, 12))).toBe(0);
		expect(await run(at(30, 11, 59))).toBe(1);
		expect(await run(at(30, 7))).toBe(0);
		const rows = await db.select().from(outgoingMail).where(eq(outgoingMail.kind, 'digest'));
		expect(rows.map((row) => [row.dedupeKey, row.toAddress])).toEqual([[digestKey(busy.id, new Date(at(30, 7)).toISOString().slice(0, 10)), busy.email]]);
		expect(rows[0]!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
		expect(rows[0]!.headers!['List-Unsubscribe']).toMatch(/^<https:\/\/bridgework\.test\/unsubscribe\/[A-Za-z0-9_-]{32}>$/);
		// The next day is a new digest.
		expect(await run(at(31, 7))).toBe(1);
	});

	it('sends nothing once the trainer turns it off', async () => {
		const trainer = await buildTrainer(db);
		await buildClient(db, trainer);
		await setMailChoices(db, trainer.id, { firstViewNotice: true, dailyDigest: false });
		await run(at(40, 8));
		expect((await db.select().from(outgoingMail).where(eq(outgoingMail.ownerId, trainer.id))).length).toBe(0);
	});
});
