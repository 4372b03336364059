import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-redirect.ts';

describe('safeNext', () => {
	it('keeps a path on this site', () => {
		expect(safeNext('/clients/abc?tab=docs')).toBe('/clients/abc?tab=docs');
	});
	it.each(['//evil.example/x', 'https://evil.example', '/\\evil.example', 'clients', null, ''])('falls back for %s', (next) => {
		expect(safeNext(next)).toBe('/clients');
	});
});
