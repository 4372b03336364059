import { describe, expect, it } from 'vitest';
import {
	formatElapsed,
	DEFAULT_FORMAT,
	dateTimeFormat,
	formatCalendarDate,
	formatDate,
	formatDateTime,
	formatMonth,
	formatNumber,
	formatTime,
	formatWallTime,
	formatZone,
	isLocaleChoice
} from './format.ts';

const tokyo = { locale: 'en-GB', timeZone: 'Asia/Tokyo' };
const london = { locale: 'en-GB', timeZone: 'Europe/London' };

describe('the practice’s dates', () => {
	it('writes one instant across midnight as a different date in Tokyo and in London', () => {
		// 20:30 in London on 5 January is 05:30 on the 6th in Tokyo.
		const at = Date.UTC(2026, 0, 5, 20, 30);
		expect(formatDate(at, london)).toBe('5 Jan 2026');
		expect(formatDate(at, tokyo)).toBe('6 Jan 2026');
		expect(formatDateTime(at, london)).toBe('5 Jan 2026, 20:30');
		expect(formatDateTime(at, tokyo)).toBe('6 Jan 2026, 05:30');
		expect(formatTime(at, tokyo)).toBe('05:30');
		expect(formatZone(at, tokyo)).toBe('GMT+9');
	});

	it('writes what the server wrote before the setting, by default: en-GB in UTC', () => {
		const at = new Date(Date.UTC(2026, 2, 14, 10, 30));
		expect(formatDate(at, DEFAULT_FORMAT)).toBe('14 Mar 2026');
		expect(formatDate(at, DEFAULT_FORMAT, 'long')).toBe('14 March 2026');
		expect(formatDateTime(at.toISOString(), DEFAULT_FORMAT, { date: 'long' })).toBe('14 March 2026 at 10:30');
		expect(formatZone(at, DEFAULT_FORMAT)).toBe('UTC');
	});

	it('follows the locale', () => {
		const at = Date.UTC(2026, 11, 3, 14, 5);
		expect(formatDateTime(at, { locale: 'en-US', timeZone: 'UTC' }, { date: 'long' })).toBe('December 3, 2026 at 2:05 PM');
		expect(formatNumber(12345.5, { locale: 'en-GB', timeZone: 'UTC' })).toBe('12,345.5');
		expect(formatNumber(0.25, DEFAULT_FORMAT, { style: 'percent' })).toBe('25%');
		expect(isLocaleChoice('en-US')).toBe(true);
		expect(isLocaleChoice('xx')).toBe(false);
	});

	it('never moves a calendar date to another day, whatever the zone', () => {
		for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
			const context = { locale: 'en-GB', timeZone };
			expect(formatCalendarDate('2026-03-01', context)).toBe('1 Mar 2026');
			expect(formatCalendarDate('2026-11-20', context, 'weekday')).toBe('Fri, 20 Nov 2026');
			expect(formatCalendarDate('2026-11-20', context, 'day-month')).toBe('20 Nov');
			expect(formatMonth('2026-11', context)).toBe('Nov 26');
		}
		expect(formatCalendarDate('not a date', DEFAULT_FORMAT)).toBe('not a date');
	});

	it('writes a wall-clock time as the locale does, in no zone', () => {
		expect(formatWallTime('12:30', { locale: 'en-GB', timeZone: 'Pacific/Kiritimati' })).toBe('12:30');
		expect(formatWallTime('00:05', { locale: 'en-US', timeZone: 'Asia/Tokyo' })).toBe('12:05 AM');
		expect(formatWallTime('24:00', DEFAULT_FORMAT)).toBe('24:00');
	});

	it('makes each formatter once and reuses it', () => {
		const options = { dateStyle: 'medium' } as const;
		const first = dateTimeFormat(tokyo, options);
		expect(dateTimeFormat({ ...tokyo }, { ...options })).toBe(first);
		expect(dateTimeFormat(london, options)).not.toBe(first);
		expect(dateTimeFormat(tokyo, { dateStyle: 'long' })).not.toBe(first);
	});

	it('falls back to the default for a zone or a locale this runtime cannot read, without throwing', () => {
		const at = Date.UTC(2026, 0, 5, 20, 30);
		expect(formatDateTime(at, { locale: 'en-GB', timeZone: 'Mars/Olympus_Mons' })).toBe('5 Jan 2026, 20:30');
		// The good half is kept: Tokyo's date, in the default locale.
		expect(formatDate(at, { locale: 'not a locale!', timeZone: 'Asia/Tokyo' })).toBe('6 Jan 2026');
		expect(formatDate(at, { locale: 'not a locale!', timeZone: 'Mars/Olympus_Mons' })).toBe('5 Jan 2026');
		expect(formatNumber(1234, { locale: 'not a locale!', timeZone: 'UTC' })).toBe('1,234');
		expect(formatDate('not a date', tokyo)).toBe('');
	});

	it('writes a talk’s elapsed time as a clock does, and never below zero', () => {
		expect(formatElapsed(0, DEFAULT_FORMAT)).toBe('0:00');
		expect(formatElapsed(247_900, DEFAULT_FORMAT)).toBe('4:07');
		expect(formatElapsed(3_725_000, DEFAULT_FORMAT)).toBe('1:02:05');
		expect(formatElapsed(-5_000, DEFAULT_FORMAT)).toBe('0:00');
	});
});
