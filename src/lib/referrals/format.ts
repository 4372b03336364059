import { daysBetween, type IsoDate } from '$lib/shared/referrals/dates.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** "Fri, 20 Nov 2026" in the reader's locale; the date has no time zone, so it is shown as UTC. */
export function formatDate(date: IsoDate): string {
	return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

/** "Nov 21": for tables, where the year is this year's or next's. */
export function formatShortDate(date: IsoDate): string {
	return shortDateFormat.format(new Date(`${date}T00:00:00Z`));
}

export function formatMonth(month: string): string {
	return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** "today", "yesterday", "12 days ago". */
export function ago(date: IsoDate, today: IsoDate): string {
	const days = daysBetween(date, today);
	if (days <= 0) return 'today';
	if (days === 1) return 'yesterday';
	return `${days} days ago`;
}
