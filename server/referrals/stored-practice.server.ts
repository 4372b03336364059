import type { Hocuspocus } from '@hocuspocus/server';
import type { CollabContext } from '../collab/context.ts';
import { practiceNameFor } from '../collab/document-name.ts';
import { readStoredDoc } from '../collab/stored-state.ts';
import type { Db } from '../db/client.ts';
import { userActor } from '../policy.ts';
import { logTouchpoint, readPractice, type LoggedTouchpoint, type TouchpointInput } from './practice-doc.ts';
import type { Practice } from './types.ts';

/** A trainer's practice as the server has stored it: for the calendar feed and server-side pickers. */
export function readStoredPractice(db: Db, trainerId: string): Practice {
	const doc = readStoredDoc(db, { kind: 'practice', trainerId });
	try {
		return readPractice(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * Records a touchpoint from a server-side action, so that creating a share link for a provider or
 * generating a letter to one logs it without extra typing. It goes through the collaboration
 * server, not around it: open devices receive it at once, and it is stored like any edit.
 * `date` is the trainer's calendar date, which the calling form knows better than the server.
 */
export async function recordTouchpointFromServer(
	hocuspocus: Hocuspocus<CollabContext>,
	trainerId: string,
	input: TouchpointInput
): Promise<LoggedTouchpoint | null> {
	const context: CollabContext = {
		actor: userActor({ id: trainerId, role: 'trainer' }),
		access: 'write',
		target: { kind: 'practice', trainerId },
		displayName: 'Bridgework'
	};
	const connection = await hocuspocus.openDirectConnection(practiceNameFor(trainerId), context);
	let logged: LoggedTouchpoint | null = null;
	try {
		await connection.transact((doc) => {
			logged = logTouchpoint(doc, input);
		});
	} finally {
		await connection.disconnect();
	}
	return logged;
}
