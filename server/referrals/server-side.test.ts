import { Hocuspocus } from '@hocuspocus/server';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverContext, type CollabContext } from '../collab/context.ts';
import { PersistenceExtension } from '../collab/PersistenceExtension.ts';
import { calendarFeeds } from '../db/schema.ts';
import { buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { feedIssuedAt, issueFeedToken, revokeFeedToken, trainerOfFeedToken } from './feed-tokens.server.ts';
import { addProvider } from '../../src/lib/shared/referrals/practice-doc.ts';
import { readStoredPractice, recordTouchpointFromServer } from './stored-practice.server.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

describe('calendar feed tokens', () => {
	it('finds the trainer by token, stores only a hash, and revokes', async () => {
		const trainer = await buildTrainer(db);
		const token = await issueFeedToken(db, trainer.id);
		expect(await trainerOfFeedToken(db, token)).toBe(trainer.id);
		expect(await feedIssuedAt(db, trainer.id)).toBeInstanceOf(Date);
		const [stored] = await db.select({ tokenHash: calendarFeeds.tokenHash }).from(calendarFeeds).where(eq(calendarFeeds.trainerId, trainer.id)).limit(1);
		expect(JSON.stringify(stored)).not.toContain(token);

		expect(await revokeFeedToken(db, trainer.id)).toBe(true);
		expect(await trainerOfFeedToken(db, token)).toBeNull();
		expect(await feedIssuedAt(db, trainer.id)).toBeNull();
	});

	it('a new token replaces the old one', async () => {
		const trainer = await buildTrainer(db);
		const first = await issueFeedToken(db, trainer.id);
		const second = await issueFeedToken(db, trainer.id);
		expect(await trainerOfFeedToken(db, first)).toBeNull();
		expect(await trainerOfFeedToken(db, second)).toBe(trainer.id);
	});

	it.each(['', 'short', 'x'.repeat(33), '../../etc/passwd'.padEnd(32, 'a')])('refuses the malformed token %j', async (token) => {
		expect(await trainerOfFeedToken(db, token)).toBeNull();
	});
});

describe('a touchpoint recorded by a server-side action', () => {
	it('reaches an open device and the stored practice', async () => {
		const trainer = await buildTrainer(db);
		const hocuspocus = new Hocuspocus<CollabContext>({ quiet: true, debounce: 0, extensions: [new PersistenceExtension(db)] });
		const name = `practice:${trainer.id}`;

		// A device of the trainer, in the same process: a direct connection keeps the document loaded.
		const device = await hocuspocus.openDirectConnection(
			name,
			serverContext({ kind: 'user', user: { id: trainer.id, role: 'trainer' } }, { kind: 'practice', trainerId: trainer.id }, trainer.name)
		);
		let providerId = '';
		await device.transact((doc) => (providerId = addProvider(doc, providerFields())));

		const logged = await recordTouchpointFromServer(hocuspocus, trainer.id, {
			providerId,
			kind: 'progress_report',
			date: '2026-11-20',
			outcome: 'Shared the progress log by link.',
			source: 'share_link'
		});
		expect(logged).toMatchObject({ firstContact: true, next: { due: '2026-11-27', kind: 'call' } });
		const live = device.document?.getMap<Y.Map<unknown>>('touchpoints');
		expect([...(live?.values() ?? [])].map((t) => t.get('source'))).toEqual(['share_link']);

		// Every accepted update is in SQLite before anything else: read it back without the live doc.
		const stored = await readStoredPractice(db, trainer.id);
		expect(stored.touchpoints).toMatchObject([{ kind: 'progress_report', source: 'share_link', providerId }]);
		expect(stored.providers).toMatchObject([{ id: providerId, stage: 'first_contact' }]);

		await device.disconnect();
		hocuspocus.closeConnections();
	});

	it('answers null for a provider that is not in the directory', async () => {
		const trainer = await buildTrainer(db);
		const hocuspocus = new Hocuspocus<CollabContext>({ quiet: true, extensions: [new PersistenceExtension(db)] });
		expect(await recordTouchpointFromServer(hocuspocus, trainer.id, { providerId: 'nobody', kind: 'call', date: '2026-11-20', outcome: '' })).toBeNull();
		expect((await readStoredPractice(db, trainer.id)).touchpoints).toEqual([]);
	});
});
