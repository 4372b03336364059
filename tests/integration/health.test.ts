import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase, engine, type Db } from '../../server/db/client.ts';
import { createHealth } from '../../server/health.ts';
import { startRedis } from '../../server/testing/redis.ts';
import { eventually } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

// What a load balancer sees: /healthz says the process serves, /readyz whether this instance
// should get requests now. The decisions are checked on real databases: a server's own, one
// whose migrations are not all applied, a closed one; a real redis-server, running and stopped,
// and one that never answers.

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.stop();
});

function openBeside(running: RunningServer): Db {
	return connectDatabase(running.dataDir, { url: running.databaseUrl });
}

/** The module behind a real HTTP server of its own, so the answers are checked as a balancer gets them. */
async function serveHealth(options: Parameters<typeof createHealth>[0]) {
	const health = createHealth(options);
	const httpServer = http.createServer((req, res) => {
		if (!health.handle(req, res)) res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
	return {
		health,
		readyz: () => fetch(`${url}/readyz`),
		close: () => new Promise<void>((resolve) => httpServer.close(() => resolve()))
	};
}

describe('health and readiness of the real server', () => {
	it('answers /healthz with 200 "ok", uncached, without a session', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('ok\n');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('set-cookie')).toBeNull();
	});

	it('answers /readyz with 200 while its database answers and is migrated', async () => {
		const response = await fetch(`${server.url}/readyz?probe=1`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok' } });
	});

	it('with REDIS_URL, reports Redis, and stays ready (naming Redis unreachable) once it is gone', async () => {
		const redisServer = await startRedis();
		const running = await startServer({ env: { REDIS_URL: redisServer.url() } });
		try {
			await eventually(async () => (await fetch(`${running.url}/readyz`)).status === 200, { what: 'the instance to be ready' });
			expect(await (await fetch(`${running.url}/readyz`)).json()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', redis: 'ok' } });
			await redisServer.stop();
			await eventually(async () => (await (await fetch(`${running.url}/readyz`)).json()).checks.redis !== 'ok', { what: 'readiness to notice Redis is gone' });
			const response = await fetch(`${running.url}/readyz`);
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', redis: 'unreachable' } });
			// Alive all the same: a restart would not bring Redis back.
			expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
		} finally {
			await running.stop();
			await redisServer.stop();
		}
	});

	it('answers HEAD as well, for balancers that probe with it', async () => {
		const response = await fetch(`${server.url}/readyz`, { method: 'HEAD' });
		expect(response.status).toBe(200);
	});
});

describe('the readiness decision', () => {
	it('is ready on a migrated database, and not once it is stopping', async () => {
		const db = openBeside(server);
		const served = await serveHealth({ db });
		try {
			expect((await served.readyz()).status).toBe(200);
			served.health.drain();
			const response = await served.readyz();
			expect(response.status).toBe(503);
			expect(await response.json()).toEqual({ ready: false, checks: { shutdown: 'stopping' } });
		} finally {
			await served.close();
			await closeDatabase(db);
		}
	});

	it('is not ready on a closed database, and says so without its error text', async () => {
		const db = openBeside(server);
		const served = await serveHealth({ db });
		await closeDatabase(db);
		try {
			const response = await served.readyz();
			expect(response.status).toBe(503);
			expect(await response.json()).toEqual({ ready: false, checks: { database: 'unreachable', migrations: 'unknown' } });
		} finally {
			await served.close();
		}
	});

	it('is not ready while a migration of this build is not applied', async () => {
		const running = await startServer();
		const db = openBeside(running);
		try {
			const current = engine(db);
			// The last migration forgotten, as on a database an older release migrated.
			if (current.kind === 'sqlite')
				current.db.$client.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
			else
				await current.db.$client.query(
					'DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)'
				);
			const { ready, checks } = await createHealth({ db }).readiness();
			expect(ready).toBe(false);
			expect(checks.database).toBe('ok');
			expect(checks.migrations).toMatch(/^1 of \d+ not applied$/);
		} finally {
			await closeDatabase(db);
			await running.stop();
		}
	});

	it('reports whether Redis answers PING, and stays ready without it', async () => {
		const db = openBeside(server);
		const redisServer = await startRedis();
		const redis = new Redis(redisServer.url(), { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
		redis.on('error', () => undefined);
		try {
			await eventually(() => redis.status === 'ready', { what: 'the Redis client to connect' });
			const health = createHealth({ db, redis });
			expect(await health.readiness()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', redis: 'ok' } });
			await redisServer.stop();
			await eventually(() => redis.status !== 'ready', { what: 'the Redis client to notice' });
			expect(await health.readiness()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', redis: 'unreachable' } });
		} finally {
			redis.disconnect();
			await redisServer.stop();
			await closeDatabase(db);
		}
	});

	it('gives up on a Redis that never answers after about a second', async () => {
		const db = openBeside(server);
		// Accepts the connection and never replies, as a Redis stuck on a full disk or a blocked port might.
		const mute = net.createServer(() => undefined);
		await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
		const silent = new Redis({ host: '127.0.0.1', port: (mute.address() as AddressInfo).port, maxRetriesPerRequest: null });
		silent.on('error', () => undefined);
		try {
			const began = performance.now();
			const { checks } = await createHealth({ db, redis: silent }).readiness();
			const elapsed = performance.now() - began;
			expect(checks.redis).toBe('no answer within 1000 ms');
			expect(elapsed).toBeGreaterThanOrEqual(990);
			expect(elapsed).toBeLessThan(5000);
		} finally {
			silent.disconnect();
			mute.close();
			await closeDatabase(db);
		}
	});
});
