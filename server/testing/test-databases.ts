import { Redis } from 'ioredis';
import type { ProvidedContext } from 'vitest';
import { createDatabase, uniqueDatabaseName } from './postgres.ts';
import './provided-context.ts';

async function provided<K extends keyof ProvidedContext & string>(key: K): Promise<ProvidedContext[K] | undefined> {
	// Benchmarks reuse the factories outside Vitest, where there is nothing to inject.
	if (!process.env.VITEST) return undefined;
	const { inject } = await import('vitest');
	return inject(key);
}

/** Which database this test run is for: `postgres` in the postgres projects, else `sqlite`. */
export async function testDialect(): Promise<'sqlite' | 'postgres'> {
	return (await provided('bridgeworkPostgres')) ? 'postgres' : 'sqlite';
}

/**
 * In the postgres projects, the URL of a new database of its own, a copy of the migrated template;
 * in the SQLite projects, undefined (the caller keeps using a data folder). Call it once per test
 * server, or once per group of instances that must share a database.
 */
export async function testDatabaseUrl(): Promise<string | undefined> {
	const postgres = await provided('bridgeworkPostgres');
	if (!postgres) return undefined;
	return createDatabase(postgres.adminUrl, uniqueDatabaseName(), { template: postgres.template });
}

const NEXT_DATABASE_KEY = 'bridgework-test:next-database';

/**
 * In the postgres projects, the URL of the run's redis-server with a logical database nobody else
 * in the run has, so that keys (throttles, locks) of one test never meet another's; undefined in
 * the SQLite projects. Pub/sub channels are shared by every logical database of a server: a test
 * that counts messages must use channel names of its own (document names are unique already).
 */
export async function testRedisUrl(): Promise<string | undefined> {
	const redis = await provided('bridgeworkRedis');
	if (!redis) return undefined;
	// Database 0 holds only the counter; the count is atomic across every worker of the run.
	const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
	try {
		const database = await client.incr(NEXT_DATABASE_KEY);
		if (database >= redis.databases) {
			throw new Error(
				`the test redis-server has only ${redis.databases} logical databases and the run asked for more: raise \`databases\` in tests/postgres.global-setup.ts`
			);
		}
		const url = new URL(redis.url);
		url.pathname = `/${database}`;
		return url.toString();
	} finally {
		client.disconnect();
	}
}
