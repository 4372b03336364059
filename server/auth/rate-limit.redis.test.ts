import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedis, type RedisServer } from '../testing/redis.ts';
import { openRedis } from '../redis.ts';
import { accountAddressKey, createShareThrottle, createSignInThrottles, FailureThrottle, type ThrottleStore } from './rate-limit.ts';

let server: RedisServer;
beforeAll(async () => {
	server = await startRedis({ databases: 1 });
});
afterAll(() => server?.stop());

const clients: Redis[] = [];
afterEach(() => {
	for (const client of clients.splice(0)) client.disconnect();
});

/** What one app instance has: its own client to the shared Redis. */
async function instance(keyPrefix: string, url = server.url()): Promise<ThrottleStore> {
	const redis = openRedis(url, 'throttles count here');
	clients.push(redis);
	// Until the client is ready the throttles count in memory, by design; the tests need Redis.
	if (redis.status !== 'ready') await once(redis, 'ready');
	return { redis, keyPrefix };
}

let deployments = 0;
/** A prefix of its own for each test, so that none sees another's counts. */
const deployment = () => `test-${process.pid}-${++deployments}:`;

describe('throttles in Redis', () => {
	it('are shared: two instances see each other’s failures, blocks and successes', async () => {
		const prefix = deployment();
		const [a, b] = [createSignInThrottles(await instance(prefix)), createSignInThrottles(await instance(prefix))];
		const pair = accountAddressKey('tess@example.com', '203.0.113.1');
		for (let i = 0; i < 4; i++) await a.byAccountAndAddress.fail(pair);
		expect((await b.byAccountAndAddress.check(pair)).allowed).toBe(true);
		await b.byAccountAndAddress.fail(pair);
		expect(await a.byAccountAndAddress.check(pair)).toEqual({ allowed: false, retryAfterSeconds: 1 });
		await a.byAccountAndAddress.fail(pair);
		expect(await b.byAccountAndAddress.check(pair)).toEqual({ allowed: false, retryAfterSeconds: 2 });

		await b.byAccountAndAddress.succeed(pair);
		expect((await a.byAccountAndAddress.check(pair)).allowed).toBe(true);
		expect(await a.accountSlowdown.delayMs('tess@example.com')).toBe(0);
	});

	it('double the wait up to the cap as in memory, whichever instance sees the failure', async () => {
		const prefix = deployment();
		const options = { name: 'doubling', freeAttempts: 1, baseDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 };
		const throttles = [new FailureThrottle({ ...options, store: await instance(prefix) }), new FailureThrottle({ ...options, store: await instance(prefix) })];
		const waits: number[] = [];
		const delays: number[] = [];
		for (let i = 0; i < 9; i++) {
			await throttles[i % 2]!.fail('a');
			waits.push((await throttles[(i + 1) % 2]!.check('a')).retryAfterSeconds);
			delays.push(await throttles[i % 2]!.delayMs('a'));
		}
		expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
		expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
	});

	it('open again once the wait has passed, as Redis expires the block', async () => {
		const throttle = createShareThrottle(await instance(deployment()));
		for (let i = 0; i < 10; i++) await throttle.fail('203.0.113.9');
		const blockedAt = Date.now();
		expect(await throttle.check('203.0.113.9')).toEqual({ allowed: false, retryAfterSeconds: 2 });
		await vi.waitUntil(async () => (await throttle.check('203.0.113.9')).allowed, { timeout: 10_000, interval: 50 });
		// Not at once: the margin is for a loaded machine, where the block was set a while before blockedAt.
		expect(Date.now() - blockedAt).toBeGreaterThanOrEqual(1000);
	});

	it('keep deployments with different prefixes apart, and write only under their prefix', async () => {
		const prefix = deployment();
		const ours = createShareThrottle(await instance(prefix));
		const theirs = createShareThrottle(await instance(deployment()));
		for (let i = 0; i < 10; i++) await ours.fail('203.0.113.10');
		expect((await ours.check('203.0.113.10')).allowed).toBe(false);
		expect((await theirs.check('203.0.113.10')).allowed).toBe(true);

		const keys = await clients[0]!.keys(`${prefix}*`);
		expect(keys.sort()).toEqual([`${prefix}throttle:share-address:blocked:203.0.113.10`, `${prefix}throttle:share-address:failures:203.0.113.10`]);
		// Keys expire: nothing is left behind in a shared Redis.
		for (const key of keys) expect(await clients[0]!.ttl(key)).toBeGreaterThan(0);
	});
});

describe('throttles while Redis is unreachable', () => {
	it('go on counting on each instance by itself, log the outage once, and share again once Redis is back', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const outage = await startRedis({ databases: 1 });
		// The helper cannot start a server on a given port; Redis comes back where it was, by hand.
		let back: ReturnType<typeof spawn> | undefined;
		try {
			const prefix = deployment();
			const [storeA, storeB] = [await instance(prefix, outage.url()), await instance(prefix, outage.url())];
			const [a, b] = [createShareThrottle(storeA), createShareThrottle(storeB)];

			const errors = new Map<Redis, number>();
			for (const { redis } of [storeA, storeB]) redis.on('error', () => errors.set(redis, (errors.get(redis) ?? 0) + 1));
			await outage.stop();
			// Each client has failed to reconnect a few times by now.
			await vi.waitUntil(() => [storeA, storeB].every(({ redis }) => (errors.get(redis) ?? 0) >= 3), { timeout: 10_000, interval: 20 });
			for (let i = 0; i < 10; i++) await a.fail('203.0.113.11');
			expect((await a.check('203.0.113.11')).allowed).toBe(false);
			expect((await b.check('203.0.113.11')).allowed).toBe(true);
			// Each client said so once.
			expect(
				warn.mock.calls.filter(([message]) => /^Redis is unreachable \(E[A-Z]+\); throttles count here until it is back\.$/.test(String(message)))
			).toHaveLength(2);

			back = spawn('redis-server', ['--port', String(outage.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
			await vi.waitUntil(() => storeA.redis.status === 'ready' && storeB.redis.status === 'ready', { timeout: 10_000, interval: 20 });
			expect(log.mock.calls.filter(([message]) => message === 'Redis is reachable again.')).toHaveLength(2);
			for (let i = 0; i < 10; i++) await b.fail('203.0.113.12');
			expect((await a.check('203.0.113.12')).allowed).toBe(false);
		} finally {
			warn.mockRestore();
			log.mockRestore();
			await outage.stop();
			if (back && back.exitCode === null) {
				const exited = once(back, 'exit');
				back.kill('SIGKILL');
				await exited;
			}
		}
	});

	it('answer within about a second when Redis hangs, rather than holding the request', async () => {
		const throttle = createShareThrottle(await instance(deployment()));
		// Redis holds every command of every client for the pause, as a hung server would.
		const pauser = openRedis(server.url(), 'nothing');
		clients.push(pauser);
		if (pauser.status !== 'ready') await once(pauser, 'ready');
		await pauser.client('PAUSE', 3000, 'ALL');
		try {
			const started = Date.now();
			expect(await throttle.check('203.0.113.13')).toEqual({ allowed: true, retryAfterSeconds: 0 });
			// Well under the pause: the command was given up after its second.
			expect(Date.now() - started).toBeLessThan(2500);
		} finally {
			await vi.waitUntil(async () => (await pauser.ping().catch(() => 'held')) === 'PONG', { timeout: 10_000, interval: 100 });
		}
	});
});
