import type { Hocuspocus } from '@hocuspocus/server';
import type { CollabContext } from '../collab/context.ts';
import { deleteExpiredCredentials } from '../auth/cleanup.ts';
import type { Db } from '../db/client.ts';
import { purgeTrashedProvidersEverywhere } from '../referrals/purge.server.ts';
import { purgeTrash } from './removal.ts';

const EVERY_MS = 60 * 60 * 1000;

/**
 * Purges the trash at start-up and then every hour, so a record is erased within an hour of its
 * 30 days running out even if the server never restarts; expired sessions and tokens go with it. Never throws: a failed run is logged and
 * the next one tries again.
 */
export function startPurgeTimer(db: Db, hocuspocus: Hocuspocus<CollabContext>, now: () => number = Date.now): () => void {
	const run = async () => {
		try {
			const purged = await purgeTrash(db, now);
			const providers = await purgeTrashedProvidersEverywhere(db, hocuspocus, new Date(now()));
			if (purged.clients + purged.documents + providers > 0) {
				console.log(`Trash: purged ${purged.clients} client(s), ${purged.documents} document(s) and ${providers} provider(s) deleted 30 days ago or more.`);
			}
			await deleteExpiredCredentials(db, now());
		} catch (error) {
			console.error('[trash] purging failed; it is tried again within the hour:', error);
		}
	};
	void run();
	const timer = setInterval(() => void run(), EVERY_MS);
	timer.unref();
	return () => clearInterval(timer);
}
