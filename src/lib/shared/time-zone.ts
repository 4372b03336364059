/**
 * A practice's time zone, by IANA name, and what the clock reads there. Plain Intl, so the server
 * (the morning digest) and the browser (the setting's default) read time zones the same way.
 */
export const DEFAULT_TIME_ZONE = 'UTC';

/** Every zone this runtime knows, UTC first: the choices the setting offers. */
export function timeZoneChoices(): string[] {
	return [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== DEFAULT_TIME_ZONE)];
}

/** Only names from the list: Intl also takes offsets ("+01:00") and odd aliases, which drift from what was chosen. */
export function isTimeZone(name: string): boolean {
	return name === DEFAULT_TIME_ZONE || Intl.supportedValuesOf('timeZone').includes(name);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) and the hour (0–23) at `now` in `timeZone`. */
export function localDateAndHour(now: number, timeZone: string): { date: string; hour: number } {
	let format = formats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
		formats.set(timeZone, format);
	}
	const parts = Object.fromEntries(format.formatToParts(new Date(now)).map((part) => [part.type, part.value]));
	return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}
