import { describe, expect, it } from 'vitest';
import { testDatabaseUrl, testDialect, testRedisUrl } from './test-databases.ts';

describe('the SQLite projects', () => {
	it('give tests no database URL and no Redis, so that they use a data folder as today', async () => {
		expect(await testDialect()).toBe('sqlite');
		expect(await testDatabaseUrl()).toBeUndefined();
		expect(await testRedisUrl()).toBeUndefined();
		// Whatever the shell that started the tests had: the data layer picks SQLite.
		expect(process.env.DATABASE_URL).toBeUndefined();
		expect(process.env.REDIS_URL).toBeUndefined();
	});
});
