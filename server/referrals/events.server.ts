import { randomUUID } from 'node:crypto';
import type { Hocuspocus } from '@hocuspocus/server';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CollabContext } from '../collab/context.ts';
import { generateLinkToken, hashLinkToken } from '../consent/tokens.ts';
import type { Db, Executor } from '../db/client.ts';
import { eventInvitations, practiceEvents, type EventInvitation, type PracticeEvent } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { eventAnswerMail, eventInvitationMail } from '../mail/messages/event-invitation.ts';
import { practiceFormat } from '../practice/format-context.ts';
import { practiceTimeZone } from '../practice/time-zone.ts';
import { attendanceTouchpoint, type EventInput, type InvitationAnswer } from '../../src/lib/shared/referrals/events.ts';
import type { IsoDate } from '../../src/lib/shared/referrals/dates.ts';
import { logTouchpoint } from '../../src/lib/shared/referrals/practice-doc.ts';
import type { Provider } from '../../src/lib/shared/referrals/types.ts';
import { localDateAndHour } from '../../src/lib/shared/time-zone.ts';
import type { OpenInvitation } from './invitation-tokens.server.ts';
import { changePracticeFromServer } from './stored-practice.server.ts';

// Events a trainer holds for providers: planning one, inviting providers from the directory (the
// email goes through the Outbox when the provider has an address), their answers by link, and
// attendance, which logs a touchpoint per provider present so the follow-up cadence starts from
// it. Who may do what is decided in server/policy.ts (eventAccess, invitationAccess).

/** The practice's calendar date now: events and their answers are on the practice's calendar. */
export async function practiceToday(db: Executor, trainerId: string, now = Date.now()): Promise<IsoDate> {
	return localDateAndHour(now, (await practiceTimeZone(db, trainerId)).timeZone).date;
}

export async function createEvent(db: Db, trainerId: string, input: EventInput): Promise<PracticeEvent> {
	const [row] = await db
		.insert(practiceEvents)
		.values({ id: randomUUID(), trainerId, ...input })
		.returning();
	return row!;
}

export interface EventSummary extends PracticeEvent {
	invited: number;
	attending: number;
}

/** The trainer's events, the coming ones first (soonest first), then the past ones (latest first). */
export async function eventsOf(db: Db, trainerId: string, today: IsoDate): Promise<{ coming: EventSummary[]; past: EventSummary[] }> {
	const rows = await db
		.select({
			event: practiceEvents,
			invited: sql<number>`count(${eventInvitations.id})`.mapWith(Number),
			attending: sql<number>`count(case when ${eventInvitations.response} = 'attending' then 1 end)`.mapWith(Number)
		})
		.from(practiceEvents)
		.leftJoin(eventInvitations, eq(eventInvitations.eventId, practiceEvents.id))
		.where(eq(practiceEvents.trainerId, trainerId))
		.groupBy(practiceEvents.id)
		.orderBy(asc(practiceEvents.date), asc(practiceEvents.startTime));
	const all = rows.map(({ event, invited, attending }) => ({ ...event, invited, attending }));
	return { coming: all.filter((e) => e.date >= today), past: all.filter((e) => e.date < today).reverse() };
}

export function invitationsOf(db: Db, eventId: string): Promise<EventInvitation[]> {
	return db.select().from(eventInvitations).where(eq(eventInvitations.eventId, eventId)).orderBy(asc(eventInvitations.providerName), asc(eventInvitations.id));
}

export interface SentInvitation {
	providerId: string;
	providerName: string;
	/** The answer link, shown to the trainer once: only its hash is kept. */
	url: string;
	emailed: boolean;
}

/**
 * Invites providers from the directory: one invitation (and one answer link) each; a provider
 * invited already is skipped, so sending twice invites nobody twice. The rows are committed
 * before any email is queued.
 */
export async function inviteProviders(
	db: Db,
	mailer: Mailer,
	event: PracticeEvent,
	trainer: { id: string; name: string; practiceName: string | null; email: string },
	providers: readonly Provider[],
	origin: string
): Promise<{ sent: SentInvitation[]; already: string[] }> {
	const invitedAlready = new Set(
		(
			await db
				.select({ providerId: eventInvitations.directoryProviderId })
				.from(eventInvitations)
				.where(
					and(
						eq(eventInvitations.eventId, event.id),
						inArray(
							eventInvitations.directoryProviderId,
							providers.map((p) => p.id)
						)
					)
				)
		).map((row) => row.providerId)
	);
	const fresh = providers.filter((p) => !invitedAlready.has(p.id));
	const minted = fresh.map((provider) => ({ provider, id: randomUUID(), token: generateLinkToken() }));
	// Two submissions at once may race for one provider: the one whose row is stored mails its link.
	const stored = new Set<string>();
	if (minted.length > 0) {
		const rows = await db
			.insert(eventInvitations)
			.values(
				minted.map(({ provider, id, token }) => ({
					id,
					eventId: event.id,
					trainerId: event.trainerId,
					directoryProviderId: provider.id,
					providerName: provider.name,
					providerEmail: provider.email || null,
					tokenHash: hashLinkToken(token)
				}))
			)
			.onConflictDoNothing()
			.returning({ id: eventInvitations.id });
		for (const row of rows) stored.add(row.id);
	}
	const sent = minted.filter(({ id }) => stored.has(id));
	const format = await practiceFormat(db, event.trainerId);
	const result: SentInvitation[] = [];
	for (const { provider, id, token } of sent) {
		const url = `${origin}/e/${token}`;
		if (provider.email) {
			await mailer.send({
				kind: 'event_invitation',
				ownerId: trainer.id,
				dedupeKey: `event-invitation:${id}`,
				to: provider.email,
				toName: provider.name,
				replyTo: trainer.email,
				...eventInvitationMail({ providerName: provider.name, trainerName: trainer.name, practiceName: trainer.practiceName, event, url, format })
			});
		}
		result.push({ providerId: provider.id, providerName: provider.name, url, emailed: Boolean(provider.email) });
	}
	const sentTo = new Set(sent.map(({ provider }) => provider.id));
	return { sent: result, already: providers.filter((p) => !sentTo.has(p.id)).map((p) => p.name) };
}

/**
 * The provider's answer; a later answer replaces an earlier one (they changed their mind). The
 * trainer is told through the Outbox once it is stored.
 */
export async function answerInvitation(
	db: Db,
	mailer: Mailer,
	open: OpenInvitation,
	answer: InvitationAnswer,
	origin: string,
	now = new Date()
): Promise<void> {
	await db
		.update(eventInvitations)
		.set({ response: answer.response, responseNote: answer.note || null, respondedAt: now })
		.where(eq(eventInvitations.id, open.invitation.id));
	await mailer.send({
		kind: 'event_answer',
		ownerId: open.trainer.id,
		dedupeKey: `event-answer:${open.invitation.id}:${now.getTime()}`,
		to: open.trainer.email,
		toName: open.trainer.name,
		...eventAnswerMail({
			trainerName: open.trainer.name,
			providerName: open.invitation.providerName,
			eventTitle: open.event.title,
			attending: answer.response === 'attending',
			note: answer.note,
			eventUrl: `${origin}/providers/events/${open.event.id}`
		})
	});
}

const CLAIM = 'pending:';

/**
 * Marks invited providers present and logs a "came to an event" touchpoint for each, on the
 * event's date, whose next step the cadence rules plan (a call after the practice's follow-up
 * days). Each invitation is claimed first, so two submissions at once log one touchpoint, and a
 * provider already marked is left as they are. Returns how many were newly marked.
 */
export async function markAttendance(db: Db, hocuspocus: Hocuspocus<CollabContext>, event: PracticeEvent, invitationIds: readonly string[]): Promise<number> {
	if (invitationIds.length === 0) return 0;
	const claim = `${CLAIM}${randomUUID()}`;
	const claimed = await db
		.update(eventInvitations)
		.set({ attendedTouchpointId: claim })
		.where(and(eq(eventInvitations.eventId, event.id), inArray(eventInvitations.id, [...invitationIds]), isNull(eventInvitations.attendedTouchpointId)))
		.returning();
	if (claimed.length === 0) return 0;
	try {
		const logged = await changePracticeFromServer(hocuspocus, event.trainerId, (doc) =>
			claimed.map((invitation) => ({ invitation, touchpoint: logTouchpoint(doc, attendanceTouchpoint(event, invitation.directoryProviderId)) }))
		);
		for (const { invitation, touchpoint } of logged) {
			// A provider since removed from the directory is marked present with no touchpoint to show for it.
			await db
				.update(eventInvitations)
				.set({ attendedTouchpointId: touchpoint?.touchpointId ?? 'none' })
				.where(eq(eventInvitations.id, invitation.id));
		}
		return claimed.length;
	} catch (error) {
		await db.update(eventInvitations).set({ attendedTouchpointId: null }).where(eq(eventInvitations.attendedTouchpointId, claim));
		throw error;
	}
}

/** Whether the invitation's provider was marked present. */
export function attended(invitation: Pick<EventInvitation, 'attendedTouchpointId'>): boolean {
	return invitation.attendedTouchpointId !== null && !invitation.attendedTouchpointId.startsWith(CLAIM);
}
