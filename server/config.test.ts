import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
	it('has defaults for a local run', () => {
		expect(loadConfig({})).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: path.resolve('data'), origin: undefined });
	});

	it('reads PORT, HOST, DATA_DIR and ORIGIN', () => {
		expect(loadConfig({ PORT: '0', HOST: '::1', DATA_DIR: '/tmp/x', ORIGIN: 'https://bw.example/path' })).toMatchObject({
			port: 0,
			host: '::1',
			dataDir: '/tmp/x',
			origin: 'https://bw.example'
		});
	});

	it('reads the /collab limits, with defaults', () => {
		expect(loadConfig({}).collab).toEqual({ maxFrameBytes: 4194304, maxConnections: 1000, maxUnauthenticatedPerAddress: 20, maxMessagesPerSecond: 200 });
		expect(loadConfig({ COLLAB_MAX_FRAME_BYTES: '65536', COLLAB_MAX_CONNECTIONS: '5' }).collab).toMatchObject({ maxFrameBytes: 65536, maxConnections: 5 });
	});

	it.each([
		['COLLAB_MAX_FRAME_BYTES', '0'],
		['COLLAB_MAX_CONNECTIONS', 'many'],
		['COLLAB_MAX_MESSAGES_PER_SECOND', '1.5']
	])('fails clearly on %s=%s', (key, value) => {
		expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
	});

	it.each([
		['PORT', 'abc'],
		['PORT', '70000'],
		['ORIGIN', 'not a url']
	])('fails clearly on %s=%s', (key, value) => {
		expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
	});

	it('reads REDIS_URL and its key prefix, with none by default', () => {
		expect(loadConfig({}).redis).toBeUndefined();
		expect(loadConfig({ REDIS_URL: 'redis://:secret@redis.internal:6380/2' }).redis).toEqual({
			url: 'redis://:secret@redis.internal:6380/2',
			keyPrefix: 'bridgework:'
		});
		expect(loadConfig({ REDIS_URL: 'rediss://redis.internal', REDIS_KEY_PREFIX: 'practice-a:' }).redis).toEqual({
			url: 'rediss://redis.internal',
			keyPrefix: 'practice-a:'
		});
	});

	it.each(['localhost:6379', 'http://redis.internal', 'postgres://db/bridgework'])('fails clearly on REDIS_URL=%s, without repeating it', (url) => {
		const attempt = () => loadConfig({ REDIS_URL: `${url.replace('//', '//user:hunter2@')}` });
		expect(attempt).toThrow(ConfigError);
		expect(attempt).toThrow(/REDIS_URL must/);
		expect(attempt).not.toThrow(/hunter2/);
	});

	it('reads METRICS_TOKEN, off by default, and refuses a guessable one without echoing it', () => {
		expect(loadConfig({}).metricsToken).toBeUndefined();
		expect(loadConfig({ METRICS_TOKEN: '0123456789abcdef0123' }).metricsToken).toBe('0123456789abcdef0123');
		const attempt = () => loadConfig({ METRICS_TOKEN: 'short-secret' });
		expect(attempt).toThrow(/METRICS_TOKEN must be at least 16/);
		expect(attempt).not.toThrow(/short-secret/);
	});
});
