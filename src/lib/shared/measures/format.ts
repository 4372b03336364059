const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "1 Mar 2026" from "2026-03-01", read as a calendar date (no time zone can shift it). */
export function formatDay(iso: string): string {
	const date = new Date(`${iso}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? iso : dayMonthYear.format(date);
}

export function signed(value: number, decimals: number): string {
	const text = Math.abs(value).toFixed(decimals);
	if (value > 0) return `+${text}`;
	if (value < 0) return `−${text}`;
	return text;
}
