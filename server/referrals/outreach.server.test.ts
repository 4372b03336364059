import { Hocuspocus } from '@hocuspocus/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CollabContext } from '../collab/context.ts';
import { PersistenceExtension } from '../collab/PersistenceExtension.ts';
import { practiceStates } from '../db/schema.ts';
import { buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { providerFieldsFromTyped, shareLinkTouchpoint } from '../../src/lib/shared/referrals/outreach.ts';
import { directoryOf, recordOutreach } from './outreach.server.ts';
import { readStoredPractice } from './stored-practice.server.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

const collab = () => new Hocuspocus<CollabContext>({ quiet: true, debounce: 0, extensions: [new PersistenceExtension(db)] });
const touchpoint = { ...shareLinkTouchpoint('Progress report', false), date: '2026-11-20' };

/** A practice whose stored state is not a Yjs update: what a damaged disk or a bad restore leaves. */
async function damagePractice(trainerId: string) {
	await db.insert(practiceStates).values({ trainerId, state: Buffer.from([0xff, 0xff, 0xff, 0xff]), storedAt: new Date() });
}

describe('recording outreach from a server-side action', () => {
	it('adds a new provider and its touchpoint in one change', async () => {
		const trainer = await buildTrainer(db);
		const fields = providerFieldsFromTyped({ name: 'Dr Sam Okafor', role: 'chiropractor', practiceName: 'Spine Works', email: '' });
		const recorded = await recordOutreach(collab(), trainer.id, { kind: 'new', fields }, touchpoint);
		expect(recorded).toMatchObject({ providerName: 'Dr Sam Okafor', added: true, touchpoint: { firstContact: true, stage: 'first_contact' } });

		const stored = await readStoredPractice(db, trainer.id);
		expect(stored.providers).toMatchObject([{ id: recorded?.providerId, name: 'Dr Sam Okafor', role: 'chiropractor', stage: 'first_contact' }]);
		expect(stored.touchpoints).toMatchObject([{ providerId: recorded?.providerId, kind: 'progress_report', source: 'share_link', date: '2026-11-20' }]);
	});

	it('records nothing for no provider', async () => {
		const trainer = await buildTrainer(db);
		expect(await recordOutreach(collab(), trainer.id, { kind: 'none' }, touchpoint)).toBeNull();
		expect((await readStoredPractice(db, trainer.id)).touchpoints).toEqual([]);
	});

	it('logs a practice it cannot write and answers null instead of throwing', async () => {
		const trainer = await buildTrainer(db);
		await damagePractice(trainer.id);
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const fields = providerFieldsFromTyped({ name: 'Dr Lee', role: '', practiceName: '', email: '' });
			expect(await recordOutreach(collab(), trainer.id, { kind: 'new', fields }, touchpoint)).toBeNull();
			expect(await directoryOf(db, trainer.id)).toBeNull();
			const messages = logged.mock.calls.map((call) => String(call[0]));
			expect(messages).toEqual(
				expect.arrayContaining([
					`[referrals] could not record a progress_report touchpoint for trainer ${trainer.id}:`,
					`[referrals] could not read the practice of trainer ${trainer.id}; its directory is left out:`
				])
			);
		} finally {
			logged.mockRestore();
		}
	});
});
