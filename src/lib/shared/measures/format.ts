import { formatCalendarDate, type FormatContext } from '../format.ts';

/** "1 Mar 2026" from "2026-03-01", read as a calendar date (no time zone can shift it). */
export function formatDay(iso: string, context: FormatContext): string {
	return formatCalendarDate(iso, context, 'medium');
}

export function signed(value: number, decimals: number): string {
	const text = Math.abs(value).toFixed(decimals);
	if (value > 0) return `+${text}`;
	if (value < 0) return `−${text}`;
	return text;
}
