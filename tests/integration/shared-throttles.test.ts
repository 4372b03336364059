import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/testing/free-port.ts';
import { startRedis, type RedisServer } from '../../server/testing/redis.ts';
import { startServer, startServerExpectingFailure, temporaryDataDir, type RunningServer } from './helpers/server.ts';

// Two instances of Bridgework on one redis-server, as behind a load balancer (on PostgreSQL, each
// on a database of its own: the throttles share only Redis); addresses come from a header, as
// behind a proxy.
let redis: RedisServer;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
	redis = await startRedis({ databases: 1 });
	const env = { ADDRESS_HEADER: 'x-real-ip', REDIS_URL: redis.url(), REDIS_KEY_PREFIX: `it-${process.pid}:` };
	[a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
});
afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()]);
	await redis?.stop();
});

function signIn(server: RunningServer, email: string, address: string) {
	return fetch(`${server.url}/signin`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-real-ip': address },
		body: new URLSearchParams({ email, password: 'a wrong guess' })
	});
}

describe('throttles across instances sharing Redis', () => {
	it('refuse share-link guesses on one instance after they were made on the other', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 24; i++) {
			const server = i % 2 === 0 ? a : b;
			statuses.push((await fetch(`${server.url}/s/${'H'.repeat(26)}${String.fromCharCode(65 + i)}`, { headers: { 'x-real-ip': '203.0.113.90' } })).status);
		}
		// As on one instance (fair-throttles.test.ts); counted apart, each would allow ten.
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
		expect(statuses.slice(10)).toEqual(Array(14).fill(429));
	});

	it('refuse a sign-in on one instance after the free attempts were used on the other', async () => {
		for (let i = 0; i < 5; i++) expect((await signIn(a, 'nobody@example.com', '203.0.113.91')).status).toBe(400);
		const refused = await signIn(b, 'nobody@example.com', '203.0.113.91');
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain('Too many failed attempts');
		expect((await signIn(b, 'nobody@example.com', '198.51.100.91')).status).toBe(400);
	});
});

describe('REDIS_URL', () => {
	it('that is not a Redis URL stops the server at start-up with a clear message, without the password', async () => {
		const { code, output } = await startServerExpectingFailure({ dataDir: temporaryDataDir(), env: { REDIS_URL: 'https://user:hunter2@redis.internal' } });
		expect(code).not.toBe(0);
		expect(output).toContain('REDIS_URL must start with redis:// (or rediss:// for TLS)');
		expect(output).not.toContain('hunter2');
	});

	it('naming a Redis that is not there: sign-in still works on each instance by itself, and the outage is logged once', async () => {
		const nothing = `redis://127.0.0.1:${await freePort()}`;
		const alone = await startServer({ env: { ADDRESS_HEADER: 'x-real-ip', REDIS_URL: nothing } });
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 6; i++) statuses.push((await signIn(alone, 'nobody@example.com', '203.0.113.92')).status);
			expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
			expect(
				alone.output().match(/Redis is unreachable \(ECONNREFUSED\); sign-in and share-link throttles count on each instance by itself until it is back\./g)
			).toHaveLength(1);
		} finally {
			await alone.stop();
		}
	});
});
