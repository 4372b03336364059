import ical, { ICalEventBusyStatus, ICalEventTransparency } from 'ical-generator';
import { addDays } from './dates.ts';
import type { FollowUp } from './follow-ups.ts';
import { plannedLabels, touchpointLabels } from './vocabulary.ts';

export const CALENDAR_NAME = 'Bridgework follow-ups';
export const CALENDAR_FILE_NAME = 'bridgework-follow-ups.ics';
const PRODUCT = { company: 'Bridgework', product: 'Follow-ups', language: 'EN' };

export interface CalendarOptions {
	/** Stamps every event (DTSTAMP); injected so the output of a test is fixed. */
	now: Date;
	/** The provider's page, so an event links back; left out when no origin is known. */
	providerUrl?: (providerId: string) => string;
}

function utcDay(date: string): Date {
	return new Date(`${date}T00:00:00Z`);
}

/**
 * Follow-ups as an iCalendar (RFC 5545) calendar of all-day events on their due dates. An event's
 * UID is the touchpoint that planned it, so a subscribed calendar updates rather than duplicates,
 * and a follow-up settled in Bridgework disappears at the next refresh. Events are marked free:
 * a reminder to call someone does not block the day. Only providers appear, never a client.
 */
export function followUpsCalendar(followUps: readonly FollowUp[], options: CalendarOptions): string {
	const calendar = ical({ name: CALENDAR_NAME, prodId: PRODUCT, ttl: 60 * 60 });
	for (const followUp of followUps) {
		const { provider } = followUp;
		const who = [provider.name, provider.practiceName].filter(Boolean).join(', ');
		const details = [
			followUp.note,
			`Planned: ${touchpointLabels[followUp.kind]}.`,
			provider.phone && `Phone: ${provider.phone}`,
			provider.officeManagerName && `Office manager: ${[provider.officeManagerName, provider.officeManagerPhone].filter(Boolean).join(', ')}`
		].filter(Boolean);
		const url = options.providerUrl?.(provider.id);
		calendar.createEvent({
			id: `follow-up-${followUp.fromTouchpointId}@bridgework`,
			summary: `${plannedLabels[followUp.kind]} ${who}`,
			description: url ? [...details, `Open in Bridgework: ${url}`].join('\n') : details.join('\n'),
			start: utcDay(followUp.due),
			// All-day DTEND is exclusive: the day after.
			end: utcDay(addDays(followUp.due, 1)),
			allDay: true,
			stamp: options.now,
			transparency: ICalEventTransparency.TRANSPARENT,
			busystatus: ICalEventBusyStatus.FREE,
			location: provider.address || null,
			url: url ?? null
		});
	}
	return calendar.toString();
}
