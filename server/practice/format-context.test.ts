import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { clients, practiceSettings } from '../db/schema.ts';
import { buildClient, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { createUser } from './users.ts';
import { formatContextOfUser, practiceFormat, setPracticeLocale } from './format-context.ts';
import { setPracticeTimeZone } from './time-zone.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

describe('the practice’s format context', () => {
	it('is en-GB in UTC until chosen, then what the trainer chose, for the trainer and their clients alike', async () => {
		const trainer = await buildTrainer(db);
		expect(await practiceFormat(db, trainer.id)).toEqual({ locale: 'en-GB', timeZone: 'UTC' });

		await setPracticeLocale(db, trainer.id, 'en-AU');
		await setPracticeTimeZone(db, trainer.id, 'Australia/Sydney');
		expect(await practiceFormat(db, trainer.id)).toEqual({ locale: 'en-AU', timeZone: 'Australia/Sydney' });
		expect(await formatContextOfUser(db, trainer)).toEqual({ locale: 'en-AU', timeZone: 'Australia/Sydney' });

		const record = await buildClient(db, trainer);
		const account = await createUser(db, {
			email: `client-${record.id}@example.com`,
			name: 'Carl Client',
			practiceName: null,
			passwordHash: 'x',
			role: 'client'
		});
		expect(await formatContextOfUser(db, account)).toEqual({ locale: 'en-GB', timeZone: 'UTC' });
		await db.update(clients).set({ userId: account.id }).where(eq(clients.id, record.id));
		expect(await formatContextOfUser(db, account)).toEqual({ locale: 'en-AU', timeZone: 'Australia/Sydney' });
	});

	it('refuses a locale not on the list, and reads a stored value no longer offered as the default', async () => {
		const trainer = await buildTrainer(db);
		await expect(setPracticeLocale(db, trainer.id, 'tlh')).rejects.toThrow(RangeError);
		await db.insert(practiceSettings).values({ trainerId: trainer.id, locale: 'xx-YY', timeZone: 'Mars/Olympus_Mons' });
		expect(await practiceFormat(db, trainer.id)).toEqual({ locale: 'en-GB', timeZone: 'UTC' });
	});
});
