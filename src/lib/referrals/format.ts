import { pageFormat } from '$lib/format.ts';
import { formatCalendarDate, formatMonth as formatCalendarMonth } from '$lib/shared/format.ts';
import { daysBetween, type IsoDate } from '$lib/shared/referrals/dates.ts';

/** "Fri, 20 Nov 2026" in the practice's locale; a calendar date, which no time zone moves. */
export function formatDate(date: IsoDate): string {
	return formatCalendarDate(date, pageFormat(), 'weekday');
}

/** "20 Nov": for tables, where the year is this year's or next's. */
export function formatShortDate(date: IsoDate): string {
	return formatCalendarDate(date, pageFormat(), 'day-month');
}

export function formatMonth(month: string): string {
	return formatCalendarMonth(month, pageFormat());
}

/** "today", "yesterday", "12 days ago". */
export function ago(date: IsoDate, today: IsoDate): string {
	const days = daysBetween(date, today);
	if (days <= 0) return 'today';
	if (days === 1) return 'yesterday';
	return `${days} days ago`;
}
