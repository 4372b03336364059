import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { appendConsentRecord } from '../consent/records.ts';
import { clients, documents, sentVersions, shareLinks } from '../db/schema.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { clientOverview, reportIntervalOf, setReportInterval } from './home.ts';
import { archive } from './removal.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

const DAY = 24 * 60 * 60 * 1000;
const added = Date.parse('2026-10-01T09:00:00Z');

describe('the home screen overview', () => {
	it('gives each client in use their consent, last activity, last report shared and next report due', async () => {
		const trainer = await buildTrainer(db);
		const quiet = await buildClient(db, trainer, { name: 'Quinn Quiet' });
		const busy = await buildClient(db, trainer, { name: 'Bea Busy' });
		const gone = await buildClient(db, trainer, { name: 'Gus Gone' });
		for (const client of [quiet, busy, gone])
			await db
				.update(clients)
				.set({ createdAt: new Date(added) })
				.where(eq(clients.id, client.id));
		await archive(db, { kind: 'client', id: gone.id });

		const report = await buildDocument(db, busy, { title: 'Report', now: new Date(added + 5 * DAY) });
		await db
			.update(documents)
			.set({ updatedAt: new Date(added + 20 * DAY) })
			.where(eq(documents.id, report.id));
		await appendConsentRecord(db, {
			clientId: busy.id,
			signedByUserId: null,
			action: 'grant',
			information: { scope: 'kinds', kinds: ['progress_report'] },
			discloser: 'Tess',
			recipients: { mode: 'per-link' },
			purpose: 'care',
			expiresOn: '2027-10-01',
			expiryEvent: null,
			coEditing: true,
			signatureName: 'Bea Busy',
			signedAt: new Date(added + DAY),
			consentVersion: '1',
			consentText: 'I agree',
			ipAddress: null,
			userAgent: null
		});
		await db.insert(shareLinks).values({
			id: crypto.randomUUID(),
			documentId: report.id,
			clientId: busy.id,
			createdBy: trainer.id,
			tokenHash: crypto.randomUUID(),
			providerName: 'Dr Reyes',
			providerRole: 'physician',
			needsClientApproval: false,
			createdAt: new Date(added + 10 * DAY)
		});
		await db.insert(sentVersions).values({
			id: crypto.randomUUID(),
			documentId: report.id,
			title: 'Report',
			sentAt: new Date(added + 12 * DAY),
			sentByName: 'Tess',
			html: '<p></p>',
			state: Buffer.from([0, 0])
		});

		const now = added + 30 * DAY;
		const overview = await clientOverview(db, trainer.id, now);
		expect(overview.intervalDays).toBe(28);
		expect(overview.clients.map((c) => c.name)).toEqual(['Bea Busy', 'Quinn Quiet']);
		const [b, q] = overview.clients;
		expect(b).toMatchObject({
			consent: { status: 'active', coEditing: true, expiresOn: '2027-10-01' },
			lastActivity: added + 20 * DAY,
			lastReportShared: added + 12 * DAY,
			nextReportDue: added + 40 * DAY
		});
		expect(q).toMatchObject({ consent: { status: 'none', coEditing: false }, lastActivity: added, lastReportShared: null, nextReportDue: added + 28 * DAY });

		await setReportInterval(db, trainer.id, 14);
		expect(await reportIntervalOf(db, trainer.id)).toBe(14);
		expect((await clientOverview(db, trainer.id, now)).clients[0]?.nextReportDue).toBe(added + 26 * DAY);
		await expect(setReportInterval(db, trainer.id, 3)).rejects.toThrow(RangeError);
	});

	it('is empty for a new practice', async () => {
		expect((await clientOverview(db, (await buildTrainer(db)).id)).clients).toEqual([]);
	});
});
