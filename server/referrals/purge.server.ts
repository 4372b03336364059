import type { Hocuspocus } from '@hocuspocus/server';
import type { CollabContext } from '../collab/context.ts';
import type { Db } from '../db/client.ts';
import { practiceStates, practiceUpdates } from '../db/schema.ts';
import { PROVIDER_TRASH_DAYS, purgeTrashedProviders } from '../../src/lib/shared/referrals/practice-doc.ts';
import { changePracticeFromServer, readStoredPractice } from './stored-practice.server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Purges providers in every practice's trash for 30 days or more. The practice is read from
 * storage first, and changed through the collaboration server only when something is due, so open
 * devices see the providers go and the change is stored like any edit.
 */
export async function purgeTrashedProvidersEverywhere(db: Db, hocuspocus: Hocuspocus<CollabContext>, now: Date = new Date()): Promise<number> {
	const trainers = new Set([
		...(await db.select({ id: practiceStates.trainerId }).from(practiceStates)).map((row) => row.id),
		...(await db.selectDistinct({ id: practiceUpdates.trainerId }).from(practiceUpdates)).map((row) => row.id)
	]);
	const cutoff = now.getTime() - PROVIDER_TRASH_DAYS * DAY_MS;
	let purged = 0;
	for (const trainerId of trainers) {
		try {
			const due = (await readStoredPractice(db, trainerId)).trashedProviders.some((provider) => Date.parse(provider.deletedAt) <= cutoff);
			if (!due) continue;
			purged += (await changePracticeFromServer(hocuspocus, trainerId, (doc) => purgeTrashedProviders(doc, now))).length;
		} catch (error) {
			console.error(`[trash] could not purge the providers of trainer ${trainerId}; tried again within the hour:`, error);
		}
	}
	return purged;
}
