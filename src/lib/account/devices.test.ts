import { describe, expect, it } from 'vitest';
import { describeDevice } from './devices.ts';

describe('describeDevice', () => {
	it('names the browser and the system of common user agents', () => {
		expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox on Windows');
		expect(describeDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15')).toBe(
			'Safari on macOS'
		);
		expect(
			describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1')
		).toBe('Safari on iOS');
		expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome on Linux');
		expect(
			describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')
		).toBe('Edge on Windows');
	});

	it('says so when it cannot tell', () => {
		expect(describeDevice(null)).toBe('Unknown device');
		expect(describeDevice('curl/8.5.0')).toBe('curl/8.5.0');
	});
});
