import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { serverContext, type CollabContext } from '../collab/context.ts';
import { practiceNameFor } from '../../src/lib/shared/collab/document-name.ts';
import { readStoredDoc } from '../collab/stored-state.ts';
import type { Db } from '../db/client.ts';
import { userActor } from '../policy.ts';
import { persistenceOf } from '../collab/persistence-of.ts';
import { logTouchpoint, readPractice, type LoggedTouchpoint, type TouchpointInput } from '../../src/lib/shared/referrals/practice-doc.ts';
import type { Practice } from '../../src/lib/shared/referrals/types.ts';

/** A trainer's practice as the server has stored it: for the calendar feed and server-side pickers. */
export async function readStoredPractice(db: Db, trainerId: string): Promise<Practice> {
	const doc = await readStoredDoc(db, { kind: 'practice', trainerId });
	try {
		return readPractice(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * Changes a trainer's practice from a server-side action. It goes through the collaboration server,
 * not around it: open devices receive the change at once, and it is stored like any edit.
 */
export async function changePracticeFromServer<T>(hocuspocus: Hocuspocus<CollabContext>, trainerId: string, change: (doc: Y.Doc) => T): Promise<T> {
	const context = serverContext(userActor({ id: trainerId, role: 'trainer' }), { kind: 'practice', trainerId });
	const connection = await hocuspocus.openDirectConnection(practiceNameFor(trainerId), context);
	let result: { value: T } | undefined;
	try {
		await connection.transact((doc) => {
			result = { value: change(doc) };
		});
		// Stored before the action that made the change reports it done.
		await persistenceOf(hocuspocus).written(practiceNameFor(trainerId));
	} finally {
		await connection.disconnect();
	}
	if (!result) throw new Error(`the practice of ${trainerId} was not changed`);
	return result.value;
}

/**
 * Records a touchpoint from a server-side action, so that creating a share link for a provider or
 * generating a letter to one logs it without extra typing. `date` is the trainer's calendar date,
 * which the calling form knows better than the server.
 */
export function recordTouchpointFromServer(hocuspocus: Hocuspocus<CollabContext>, trainerId: string, input: TouchpointInput): Promise<LoggedTouchpoint | null> {
	return changePracticeFromServer(hocuspocus, trainerId, (doc) => logTouchpoint(doc, input));
}
