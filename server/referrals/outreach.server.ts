import type { Hocuspocus } from '@hocuspocus/server';
import type { CollabContext } from '../collab/context.ts';
import type { Db } from '../db/client.ts';
import type { IsoDate } from '../../src/lib/shared/referrals/dates.ts';
import type { ActionTouchpoint, ProviderChoice } from '../../src/lib/shared/referrals/outreach.ts';
import { addProvider, logTouchpoint, type LoggedTouchpoint } from '../../src/lib/shared/referrals/practice-doc.ts';
import { changePracticeFromServer, readStoredPractice } from './stored-practice.server.ts';
import type { Provider } from '../../src/lib/shared/referrals/types.ts';

/**
 * The trainer's directory as stored, for a picker and for checking a pick; null when it cannot be
 * read. Picking is a convenience: a damaged practice must not stop a share link or a letter.
 */
export async function directoryOf(db: Db, trainerId: string): Promise<Provider[] | null> {
	try {
		return (await readStoredPractice(db, trainerId)).providers;
	} catch (error) {
		console.error(`[referrals] could not read the practice of trainer ${trainerId}; its directory is left out:`, error);
		return null;
	}
}

export interface RecordedOutreach {
	providerId: string;
	providerName: string;
	/** True when the provider was added to the directory with this touchpoint. */
	added: boolean;
	touchpoint: LoggedTouchpoint;
}

/**
 * Adds the provider when the choice says so and logs the touchpoint, as one change of the practice.
 * Never throws: the share link or the letter is the record and exists already, so a failure here
 * is logged and answered with null.
 */
export async function recordOutreach(
	hocuspocus: Hocuspocus<CollabContext>,
	trainerId: string,
	choice: ProviderChoice,
	touchpoint: ActionTouchpoint & { date: IsoDate }
): Promise<RecordedOutreach | null> {
	if (choice.kind === 'none') return null;
	try {
		const recorded = await changePracticeFromServer(hocuspocus, trainerId, (doc): RecordedOutreach | null => {
			const providerId = choice.kind === 'new' ? addProvider(doc, choice.fields) : choice.provider.id;
			const logged = logTouchpoint(doc, { providerId, ...touchpoint });
			const providerName = choice.kind === 'new' ? choice.fields.name : choice.provider.name;
			return logged && { providerId, providerName, added: choice.kind === 'new', touchpoint: logged };
		});
		if (!recorded)
			console.warn(
				`[referrals] provider ${choice.kind === 'directory' ? choice.provider.id : '(new)'} of trainer ${trainerId} was gone; no ${touchpoint.kind} touchpoint recorded`
			);
		return recorded;
	} catch (error) {
		console.error(`[referrals] could not record a ${touchpoint.kind} touchpoint for trainer ${trainerId}:`, error);
		return null;
	}
}
