import type { Clock } from '../auth/session.ts';
import type { Db } from '../db/client.ts';
import type { Client } from '../db/schema.ts';
import { revocationText } from '../../src/lib/shared/consent/text.ts';
import { revokeLinksOfClient } from '../sharing/links.ts';
import { appendConsentRecord, consentState, isoDate } from './records.ts';

export class NothingToRevokeError extends Error {
	constructor() {
		super('There is no consent in force to revoke.');
	}
}

/**
 * Records the client's change of mind, and revokes every share link with a full revocation. The
 * live connections the old consent allowed are closed by the access watcher, which the new record
 * and the revoked links reach through the database's triggers like any other change.
 */
export async function changeConsent(
	db: Db,
	input: { client: Client; userId: string; signatureName: string; what: 'all' | 'co-editing'; ipAddress?: string; userAgent?: string },
	now: Clock = () => Date.now()
) {
	const state = await consentState(db, input.client.id, now);
	if (state.status !== 'active' || !state.record) throw new NothingToRevokeError();
	if (input.what === 'co-editing' && !state.record.coEditing) throw new NothingToRevokeError();
	const previous = state.record;
	const { id: _previousId, ...terms } = previous;
	const at = now();
	// The record and the links it ends are written together, or neither is.
	const { record, revokedLinks } = await db.transaction(async (tx) => {
		const record = await appendConsentRecord(tx, {
			...terms,
			action: input.what === 'all' ? 'revoke' : 'withdraw-coediting',
			coEditing: false,
			signedByUserId: input.userId,
			signatureName: input.signatureName,
			signedAt: new Date(at),
			consentText: revocationText({
				clientName: input.client.name,
				grantedOn: isoDate(previous.signedAt.getTime()),
				at: new Date(at).toISOString(),
				what: input.what
			}),
			ipAddress: input.ipAddress ?? null,
			userAgent: input.userAgent ?? null
		});
		// Revoking consent ends every share link of this client's.
		const revokedLinks = input.what === 'all' ? await revokeLinksOfClient(tx, input.client.id, now) : [];
		return { record, revokedLinks };
	});
	return { record, revokedLinks };
}
