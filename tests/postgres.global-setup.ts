import type { TestProject } from 'vitest/node';
import { prepareTemplate } from '../server/testing/postgres-template.ts';
import { sealTemplate, startPostgres, type PostgresServer } from '../server/testing/postgres.ts';
import { startRedis, type RedisServer } from '../server/testing/redis.ts';
import '../server/testing/provided-context.ts';

/**
 * Global setup of the postgres projects: one PostgreSQL (with a migrated template database) and
 * one redis-server for the whole run, handed to the tests through `provide`; the tests take a
 * database each with testDatabaseUrl() and testRedisUrl() (server/testing/test-databases.ts).
 */

const TEMPLATE = 'bridgework_template';
const REDIS_DATABASES = 1000;

interface Servers {
	postgres: PostgresServer;
	redis: RedisServer;
}

// Both postgres projects run their global setup in this one process: they share the servers, and
// the last project to finish stops them. globalThis, because each project loads this file anew.
const shared = globalThis as typeof globalThis & { bridgeworkTestServers?: { servers: Promise<Servers>; users: number } };

async function start(): Promise<Servers> {
	const began = performance.now();
	const [postgres, redis] = await Promise.all([startPostgres(), startRedis({ databases: REDIS_DATABASES })]);
	const started = performance.now();
	try {
		const templateUrl = await postgres.createDatabase(TEMPLATE);
		await prepareTemplate(templateUrl);
		await sealTemplate(postgres.url(), TEMPLATE);
	} catch (error) {
		await Promise.all([postgres.stop({ mode: 'immediate' }), redis.stop()]);
		throw error;
	}
	console.log(
		`PostgreSQL on port ${postgres.port} and redis-server on port ${redis.port} started in ${Math.round(started - began)} ms; template prepared in ${Math.round(performance.now() - started)} ms`
	);
	return { postgres, redis };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	shared.bridgeworkTestServers ??= { servers: start(), users: 0 };
	const entry = shared.bridgeworkTestServers;
	entry.users++;
	let servers: Servers;
	try {
		servers = await entry.servers;
	} catch (error) {
		if (--entry.users === 0) delete shared.bridgeworkTestServers;
		throw error;
	}
	project.provide('bridgeworkPostgres', { adminUrl: servers.postgres.url(), template: TEMPLATE });
	project.provide('bridgeworkRedis', { url: servers.redis.url(), databases: REDIS_DATABASES });
	return async () => {
		if (--entry.users > 0) return;
		delete shared.bridgeworkTestServers;
		// The folder goes right after: a shutdown checkpoint would write out what nobody reads.
		await Promise.all([servers.postgres.stop({ mode: 'immediate' }), servers.redis.stop()]);
	};
}
