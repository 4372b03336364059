/**
 * Every date, time and number a person reads, in the practice's locale and time zone: the server's
 * pages, PDFs and mail and the browser's components all format through here with the same
 * context, so a date reads the same everywhere (and a hydrated page matches its server render).
 * Machine formats (ISO in the calendar feed and exports, YYYY-MM-DD in forms) do not come here.
 */
import { DEFAULT_TIME_ZONE } from './time-zone.ts';

export interface FormatContext {
	/** BCP 47 tag: en-GB. */
	locale: string;
	/** IANA name: Europe/London. */
	timeZone: string;
}

/** What the server wrote before the practice could choose (and still writes until it does). */
export const DEFAULT_LOCALE = 'en-GB';
export const DEFAULT_FORMAT: FormatContext = { locale: DEFAULT_LOCALE, timeZone: DEFAULT_TIME_ZONE };

/** The ways of writing dates a practice may choose: the app's words are English, so its regions only. */
export const LOCALE_CHOICES = ['en-GB', 'en-US', 'en-CA', 'en-AU', 'en-NZ', 'en-IE', 'en-IN', 'en-ZA'] as const;

export function isLocaleChoice(tag: string): tag is (typeof LOCALE_CHOICES)[number] {
	return (LOCALE_CHOICES as readonly string[]).includes(tag);
}

type Instant = Date | number | string;
type DateStyle = 'long' | 'medium';

const formats = new Map<string, Intl.DateTimeFormat>();

function make(context: FormatContext, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	// A zone this runtime does not know (tzdata differs between Node and a browser) or a locale it
	// cannot read: the default in its place, keeping the part that is good, rather than a page that
	// fails to render. The default itself always works, so the last attempt throws only if it does not.
	const attempts = [context, { locale: DEFAULT_LOCALE, timeZone: context.timeZone }, { locale: context.locale, timeZone: DEFAULT_TIME_ZONE }];
	for (const attempt of attempts) {
		try {
			return new Intl.DateTimeFormat(attempt.locale, { ...options, timeZone: attempt.timeZone });
		} catch (error) {
			if (!(error instanceof RangeError)) throw error;
		}
	}
	return new Intl.DateTimeFormat(DEFAULT_LOCALE, { ...options, timeZone: DEFAULT_TIME_ZONE });
}

/** One Intl.DateTimeFormat per (locale, time zone, options), made once: making one costs far more than using it. */
export function dateTimeFormat(context: FormatContext, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${context.locale}|${context.timeZone}|${JSON.stringify(options)}`;
	let format = formats.get(key);
	if (!format) {
		format = make(context, options);
		formats.set(key, format);
	}
	return format;
}

function instant(value: Instant): Date | null {
	const date = value instanceof Date ? value : new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 Dec 2026" (medium) or "3 December 2026" (long): the practice's date at that instant. */
export function formatDate(value: Instant, context: FormatContext, style: DateStyle = 'medium'): string {
	const date = instant(value);
	return date ? dateTimeFormat(context, { dateStyle: style }).format(date) : '';
}

/** "3 Dec 2026, 14:05"; `time: 'medium'` adds the seconds. */
export function formatDateTime(value: Instant, context: FormatContext, style: { date?: DateStyle; time?: 'short' | 'medium' } = {}): string {
	const date = instant(value);
	return date ? dateTimeFormat(context, { dateStyle: style.date ?? 'medium', timeStyle: style.time ?? 'short' }).format(date) : '';
}

/** "14:05" (or "2:05 PM" where the locale writes it so). */
export function formatTime(value: Instant, context: FormatContext): string {
	const date = instant(value);
	return date ? dateTimeFormat(context, { timeStyle: 'short' }).format(date) : '';
}

/** The zone's short name at that instant ("UTC", "BST", "GMT+9"), for text that names it beside a time. */
export function formatZone(value: Instant, context: FormatContext): string {
	const date = instant(value) ?? new Date(0);
	const parts = dateTimeFormat(context, { timeZoneName: 'short' }).formatToParts(date);
	return parts.find((part) => part.type === 'timeZoneName')?.value ?? context.timeZone;
}

type CalendarStyle = 'long' | 'medium' | 'weekday' | 'day-month';
const calendarOptions: Record<CalendarStyle, Intl.DateTimeFormatOptions> = {
	long: { day: 'numeric', month: 'long', year: 'numeric' },
	medium: { day: 'numeric', month: 'short', year: 'numeric' },
	weekday: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
	'day-month': { day: 'numeric', month: 'short' }
};

/**
 * A calendar date ("2026-03-01": a birthday, a touchpoint, a measurement) has no time zone: it is
 * read at UTC midnight and written in UTC, so no zone can move it to another day. Only the locale
 * applies. Anything that is not a date comes back as it was.
 */
export function formatCalendarDate(iso: string, context: FormatContext, style: CalendarStyle = 'medium'): string {
	const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
	if (!date || Number.isNaN(date.getTime())) return iso;
	return dateTimeFormat({ locale: context.locale, timeZone: 'UTC' }, calendarOptions[style]).format(date);
}

/**
 * A wall-clock time ("12:30": when an event starts, where the practice is) in the locale's way,
 * "12:30" or "12:30 PM". Like a calendar date it has no zone. Anything else comes back as it was.
 */
export function formatWallTime(hhmm: string, context: FormatContext): string {
	if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) return hhmm;
	return dateTimeFormat({ locale: context.locale, timeZone: 'UTC' }, { hour: 'numeric', minute: '2-digit' }).format(new Date(`1970-01-01T${hhmm}:00Z`));
}

/** "Nov 26" for a calendar month ("2026-11"). */
export function formatMonth(month: string, context: FormatContext): string {
	const date = new Date(`${month}-01T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return month;
	return dateTimeFormat({ locale: context.locale, timeZone: 'UTC' }, { month: 'short', year: '2-digit' }).format(date);
}

const numbers = new Map<string, Intl.NumberFormat>();

/** "1,234.5" in the practice's locale. */
export function formatNumber(value: number, context: FormatContext, options: Intl.NumberFormatOptions = {}): string {
	const key = `${context.locale}|${JSON.stringify(options)}`;
	let format = numbers.get(key);
	if (!format) {
		try {
			format = new Intl.NumberFormat(context.locale, options);
		} catch (error) {
			if (!(error instanceof RangeError)) throw error;
			format = new Intl.NumberFormat(DEFAULT_LOCALE, options);
		}
		numbers.set(key, format);
	}
	return format.format(value);
}

/** Time gone by as a clock reads it: "4:07", or "1:02:05" past the hour (a talk's elapsed time). */
export function formatElapsed(ms: number, context: FormatContext): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	const two = (value: number) => formatNumber(value, context, { minimumIntegerDigits: 2 });
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const rest = two(seconds % 60);
	return hours > 0 ? `${formatNumber(hours, context)}:${two(minutes)}:${rest}` : `${formatNumber(minutes, context)}:${rest}`;
}
