// Calendar dates as ISO strings (YYYY-MM-DD). A touchpoint or a follow-up happens on a day in the
// trainer's own calendar, with no time zone; arithmetic is done in UTC so no daylight-saving change
// can make a day 23 or 25 hours long.

export type IsoDate = string;
/** Injected wherever "now" matters, so tests can fix it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isIsoDate(value: unknown): value is IsoDate {
	if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The date on the trainer's own calendar at this moment (the device's time zone). */
export function localDate(at: Date): IsoDate {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function todayOf(clock: Clock): IsoDate {
	return localDate(clock());
}

function utcMidnight(date: IsoDate): number {
	return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: IsoDate, days: number): IsoDate {
	return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** "2026-11" for a date: the month a referral is counted in. */
export function monthOf(date: IsoDate): string {
	return date.slice(0, 7);
}

export function addMonths(month: string, months: number): string {
	const [year = 0, m = 1] = month.split('-').map(Number);
	const index = year * 12 + (m - 1) + months;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
