import { describe, expect, it } from 'vitest';
import { isTimeZone, localDateAndHour, timeZoneChoices } from './time-zone.ts';

describe('practice time zones', () => {
	it('reads the date and hour where the practice is, across a date line and a daylight-saving change', () => {
		const at = Date.UTC(2026, 0, 5, 23, 30);
		expect(localDateAndHour(at, 'UTC')).toEqual({ date: '2026-01-05', hour: 23 });
		expect(localDateAndHour(at, 'Asia/Tokyo')).toEqual({ date: '2026-01-06', hour: 8 });
		expect(localDateAndHour(at, 'America/Los_Angeles')).toEqual({ date: '2026-01-05', hour: 15 });
		// London in summer is an hour ahead of UTC, in winter it is not.
		expect(localDateAndHour(Date.UTC(2026, 6, 1, 6, 30), 'Europe/London').hour).toBe(7);
		expect(localDateAndHour(Date.UTC(2026, 11, 1, 6, 30), 'Europe/London').hour).toBe(6);
		expect(localDateAndHour(Date.UTC(2026, 6, 1, 0, 0), 'UTC').hour).toBe(0);
	});

	it('takes only zone names from the list it offers', () => {
		expect(timeZoneChoices()[0]).toBe('UTC');
		expect(timeZoneChoices()).toContain('Europe/Berlin');
		expect(isTimeZone('Europe/Berlin')).toBe(true);
		expect(isTimeZone('+01:00')).toBe(false);
		expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
		expect(isTimeZone('')).toBe(false);
	});
});
