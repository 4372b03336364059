import fs from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portIsFree } from './free-port.ts';
import { postgresBinDir, query, sealTemplate, startPostgres, type PostgresServer } from './postgres.ts';
import { startRedis, type RedisServer } from './redis.ts';
import { testDatabaseUrl, testDialect, testRedisUrl } from './test-databases.ts';

// The harness itself: real servers that start, answer, keep test databases apart, and leave
// nothing behind when stopped.

// Starting and stopping clusters with fsync on takes seconds on a loaded machine.
describe('a test PostgreSQL', { timeout: 60_000 }, () => {
	let server: PostgresServer;
	beforeAll(async () => {
		server = await startPostgres();
	}, 60_000);
	afterAll(() => server.stop());

	it('answers queries on 127.0.0.1, keeps fsync on, and allows the connections several instances need', async () => {
		const { rows } = await query(
			server.url(),
			"select $1::text as echo, current_setting('fsync') as fsync, current_setting('listen_addresses') as listen, current_setting('max_connections') as connections",
			['round trip']
		);
		expect(rows).toEqual([{ echo: 'round trip', fsync: 'on', listen: '127.0.0.1', connections: '300' }]);
	});

	it('runs as the postgres user when the tests run as root', async () => {
		const client = new pg.Client({ connectionString: server.url() });
		await client.connect();
		// The backend serving this connection lives as long as the connection.
		const owner = await client
			.query('select pg_backend_pid() as pid')
			.then(({ rows }) => fs.statSync(`/proc/${rows[0].pid}`).uid)
			.finally(() => client.end());
		if (process.getuid?.() === 0) expect(owner).not.toBe(0);
		else expect(owner).toBe(process.getuid?.());
	});

	it('copies a template into databases that are independent of each other', async () => {
		const templateUrl = await server.createDatabase('harness_template');
		await query(templateUrl, 'create table notes (body text not null)');
		await sealTemplate(server.url(), 'harness_template');
		const first = await server.createDatabase('harness_first', { template: 'harness_template' });
		const second = await server.createDatabase('harness_second', { template: 'harness_template' });

		await query(first, "insert into notes values ('only in the first')");
		expect((await query(first, 'select body from notes')).rows).toEqual([{ body: 'only in the first' }]);
		expect((await query(second, 'select body from notes')).rows).toEqual([]);
		await expect(query(templateUrl, 'select 1')).rejects.toThrow(/not currently accepting connections/);
	});

	it('refuses a database name it would have to quote', async () => {
		await expect(server.createDatabase('Robert"; drop database postgres; --')).rejects.toThrow(/is not a database name/);
	});

	it.each(['fast', 'immediate'] as const)('stops (%s), removes its folder and frees its port', async (mode) => {
		const other = await startPostgres();
		expect(fs.existsSync(other.folder)).toBe(true);
		expect(await portIsFree(other.port)).toBe(false);
		await other.stop({ mode });
		expect(fs.existsSync(other.folder)).toBe(false);
		expect(await portIsFree(other.port)).toBe(true);
		await expect(query(other.url(), 'select 1')).rejects.toThrow(/ECONNREFUSED/);
	});

	it('says how to install PostgreSQL when its binaries are missing', () => {
		expect(() => postgresBinDir('/nonexistent/postgresql/bin')).toThrow("install Debian's postgresql package: apt-get install -y postgresql");
	});
});

describe('a test redis-server', () => {
	let server: RedisServer;
	const clients: Redis[] = [];
	const connect = (url: string) => {
		const client = new Redis(url);
		clients.push(client);
		return client;
	};
	beforeAll(async () => {
		server = await startRedis();
	});
	afterAll(async () => {
		for (const client of clients) client.disconnect();
		await server.stop();
	});

	it('answers PING and keeps what is set', async () => {
		const client = connect(server.url());
		expect(await client.ping()).toBe('PONG');
		await client.set('greeting', 'hello');
		expect(await client.get('greeting')).toBe('hello');
	});

	it('delivers a published message to a subscriber', async () => {
		const subscriber = connect(server.url());
		const publisher = connect(server.url());
		const received = new Promise<[string, string]>((resolve) => subscriber.on('message', (channel: string, message: string) => resolve([channel, message])));
		await subscriber.subscribe('harness');
		expect(await publisher.publish('harness', 'across instances')).toBe(1);
		expect(await received).toEqual(['harness', 'across instances']);
	});

	it('stops, removes its folder and frees its port', async () => {
		const other = await startRedis();
		expect(await portIsFree(other.port)).toBe(false);
		await other.stop();
		expect(fs.existsSync(other.folder)).toBe(false);
		expect(await portIsFree(other.port)).toBe(true);
	});
});

describe('the servers of the postgres projects', { timeout: 30_000 }, () => {
	const pools: pg.Pool[] = [];
	afterAll(() => Promise.all(pools.map((pool) => pool.end())));

	it('give each test a database of its own, copied from the run’s template', async () => {
		expect(await testDialect()).toBe('postgres');
		// The data layer's dialect comes from DATABASE_URL, settled before the test file is imported.
		expect(process.env.DATABASE_URL).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
		expect(process.env.REDIS_URL).toBeUndefined();
		const [first, second] = await Promise.all([testDatabaseUrl(), testDatabaseUrl()]);
		expect(first).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/test_[0-9a-f]{16}$/);
		expect(second).not.toBe(first);
		const [a, b] = [first, second].map((url) => new pg.Pool({ connectionString: url }));
		pools.push(a!, b!);
		await a!.query('create table mine (n int)');
		await expect(b!.query('select * from mine')).rejects.toThrow(/relation "mine" does not exist/);
	});

	it('give each test a Redis key space of its own', async () => {
		const [first, second] = await Promise.all([testRedisUrl(), testRedisUrl()]);
		expect(first).toMatch(/^redis:\/\/127\.0\.0\.1:\d+\/\d+$/);
		expect(second).not.toBe(first);
		const a = new Redis(first!);
		const b = new Redis(second!);
		try {
			await a.set('throttle:127.0.0.1', '5');
			expect(await b.get('throttle:127.0.0.1')).toBeNull();
			expect(await a.get('throttle:127.0.0.1')).toBe('5');
		} finally {
			a.disconnect();
			b.disconnect();
		}
	});
});
