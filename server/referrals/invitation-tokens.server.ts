import { eq } from 'drizzle-orm';
import { hashLinkToken, looksLikeLinkToken } from '../consent/tokens.ts';
import type { Executor } from '../db/client.ts';
import { eventInvitations, practiceEvents, users, type EventInvitation, type PracticeEvent } from '../db/schema.ts';
import { answerLinkLastDay } from '../../src/lib/shared/referrals/events.ts';
import type { IsoDate } from '../../src/lib/shared/referrals/dates.ts';

// An event invitation's answer link, resolved from its token. Like a share link, the token is the
// credential (160 random bits, only its SHA-256 stored); unlike one it discloses nothing about a
// client, only the trainer's own event, so no consent is asked. Policy decides with this
// (server/policy.ts, invitationAccess).

export type InvitationRefusal = 'malformed' | 'unknown' | 'past';

export interface OpenInvitation {
	invitation: EventInvitation;
	event: PracticeEvent;
	trainer: { id: string; name: string; practiceName: string | null; email: string };
}

export type InvitationResolution = { ok: true; open: OpenInvitation } | { ok: false; reason: InvitationRefusal; invitationId?: string };

/** `today` is the practice's calendar date: a link stops opening a week after its event. */
export async function resolveInvitationToken(db: Executor, token: string, today: (trainerId: string) => Promise<IsoDate>): Promise<InvitationResolution> {
	if (!looksLikeLinkToken(token)) return { ok: false, reason: 'malformed' };
	const [row] = await db
		.select({
			invitation: eventInvitations,
			event: practiceEvents,
			trainer: { id: users.id, name: users.name, practiceName: users.practiceName, email: users.email }
		})
		.from(eventInvitations)
		.innerJoin(practiceEvents, eq(eventInvitations.eventId, practiceEvents.id))
		.innerJoin(users, eq(practiceEvents.trainerId, users.id))
		.where(eq(eventInvitations.tokenHash, hashLinkToken(token)))
		.limit(1);
	if (!row) return { ok: false, reason: 'unknown' };
	if ((await today(row.event.trainerId)) > answerLinkLastDay(row.event.date)) return { ok: false, reason: 'past', invitationId: row.invitation.id };
	return { ok: true, open: row };
}
