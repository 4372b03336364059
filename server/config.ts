import path from 'node:path';
import type { AddressSource } from './client-address.ts';
import { ConfigError } from './config-error.ts';
import { parseMailConfig, type MailConfig } from './mail/config.ts';

export { ConfigError };

export interface Config {
	port: number;
	host: string;
	/** Folder that holds the SQLite database; created on start-up. */
	dataDir: string;
	/** Public origin (https://…) when behind a proxy; decides the Secure cookie flag too. */
	origin: string | undefined;
	production: boolean;
	collab: CollabLimits;
	/** ADDRESS_HEADER and XFF_DEPTH, read as adapter-node reads them for getClientAddress. */
	address: AddressSource;
	/** Upper bound on the database file (DATABASE_MAX_MB); writes beyond it are refused, not lost. */
	databaseMaxBytes: number | undefined;
	/** Scheduled backups (BACKUP_DIR); none when unset. */
	backup: BackupConfig | undefined;
	/** DATABASE_URL: PostgreSQL instead of the SQLite file in dataDir. */
	databaseUrl: string | undefined;
	/** DATABASE_POOL_SIZE: connections to PostgreSQL from this process. */
	databasePoolSize: number;
	/** The Redis that instances share (REDIS_URL); none when Bridgework runs as one process. */
	redis: RedisConfig | undefined;
	/** METRICS_TOKEN: /metrics answers a request bearing it; without one there is no /metrics. */
	metricsToken: string | undefined;
	/** SMTP_URL and MAIL_FROM; without SMTP_URL every message waits in the Outbox, marked not sent. */
	mail: MailConfig;
	/** TWO_FACTOR_KEY: seals authenticator keys at rest; without it, SQLite keeps one in DATA_DIR. */
	twoFactorKey: Uint8Array | undefined;
}

export interface RedisConfig {
	url: string;
	/** Begins every key Bridgework writes (REDIS_KEY_PREFIX), so deployments can share one Redis. */
	keyPrefix: string;
}

export interface BackupConfig {
	dir: string;
	intervalMs: number;
	/** How many backups to keep; older ones are deleted after a new one is verified. */
	keep: number;
}

/** Bounds on /collab, checked before anything a socket sends is buffered or parsed. */
export interface CollabLimits {
	/** Largest WebSocket message accepted; `ws` refuses a longer frame from its header, unread. */
	maxFrameBytes: number;
	/** Open /collab sockets at once, all addresses together. */
	maxConnections: number;
	/** Sockets from one address that have not yet authenticated any document. */
	maxUnauthenticatedPerAddress: number;
	/** Sustained messages per second on one socket; bursts of five seconds' worth pass. */
	maxMessagesPerSecond: number;
}

// A real editor never comes near these: a whole long report is a few hundred KB, a fast typist
// sends tens of messages a second, and a trainer has a handful of tabs.
export const DEFAULT_COLLAB_LIMITS: CollabLimits = {
	maxFrameBytes: 4 * 1024 * 1024,
	maxConnections: 1000,
	maxUnauthenticatedPerAddress: 20,
	maxMessagesPerSecond: 200
};

function parsePort(raw: string | undefined): number {
	if (raw === undefined || raw === '') return 3000;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
	}
	return port;
}

function parseOrigin(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	try {
		const url = new URL(raw);
		return url.origin;
	} catch {
		throw new ConfigError(`ORIGIN must be a URL such as https://bridgework.example, not "${raw}".`);
	}
}

function parseLimit(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(`${name} must be a whole number of at least 1, not "${raw}".`);
	return value;
}

function parsePositive(name: string, raw: string | undefined, { integer }: { integer: boolean }): number | undefined {
	if (raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
		throw new ConfigError(`${name} must be a positive ${integer ? 'whole number' : 'number'}, not "${raw}".`);
	}
	return value;
}

function mb(value: number | undefined): number | undefined {
	return value === undefined ? undefined : Math.floor(value * 1024 * 1024);
}

function parseBackup(env: NodeJS.ProcessEnv): BackupConfig | undefined {
	const intervalHours = parsePositive('BACKUP_INTERVAL_HOURS', env.BACKUP_INTERVAL_HOURS, { integer: false });
	const keep = parsePositive('BACKUP_KEEP', env.BACKUP_KEEP, { integer: true });
	if (!env.BACKUP_DIR) return undefined;
	return { dir: path.resolve(env.BACKUP_DIR), intervalMs: (intervalHours ?? 24) * 3_600_000, keep: keep ?? 14 };
}

function parseDatabaseUrl(value: string | undefined): string | undefined {
	if (!value) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ConfigError('DATABASE_URL must be a URL such as postgres://user:password@host:5432/bridgework.');
	}
	if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
		throw new ConfigError(`DATABASE_URL must start with postgres:// (SQLite needs no URL: leave it unset and set DATA_DIR); it starts with ${url.protocol}//.`);
	}
	return value;
}

function parseRedis(env: NodeJS.ProcessEnv): RedisConfig | undefined {
	const raw = env.REDIS_URL;
	const keyPrefix = env.REDIS_KEY_PREFIX ?? 'bridgework:';
	if (/\s/.test(keyPrefix)) throw new ConfigError(`REDIS_KEY_PREFIX must not contain spaces, not "${keyPrefix}".`);
	if (!raw) return undefined;
	let protocol: string;
	try {
		protocol = new URL(raw).protocol;
	} catch {
		throw new ConfigError('REDIS_URL must be a URL such as redis://redis.internal:6379 or rediss://… for TLS.');
	}
	// The URL may hold a password: the message names only what is wrong with it.
	if (protocol !== 'redis:' && protocol !== 'rediss:') {
		throw new ConfigError(`REDIS_URL must start with redis:// (or rediss:// for TLS), such as redis://redis.internal:6379; it starts with "${protocol}".`);
	}
	return { url: raw, keyPrefix };
}

function parseMetricsToken(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	// Whoever has it reads the practice's activity: it must not be guessable.
	if (raw.length < 16 || /\s/.test(raw))
		throw new ConfigError('METRICS_TOKEN must be at least 16 characters without spaces (for example `openssl rand -hex 32`).');
	return raw;
}

function parseTwoFactorKey(raw: string | undefined): Uint8Array | undefined {
	if (!raw) return undefined;
	const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
	if (key.length !== 32) throw new ConfigError('TWO_FACTOR_KEY must be 32 random bytes, as 64 hex digits or base64 (for example `openssl rand -hex 32`).');
	return new Uint8Array(key);
}

/** Reads the environment once, at start-up, and fails with a message a person can act on. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		port: parsePort(env.PORT),
		host: env.HOST || '127.0.0.1',
		dataDir: path.resolve(env.DATA_DIR || 'data'),
		origin: parseOrigin(env.ORIGIN),
		production: env.NODE_ENV === 'production',
		address: { header: env.ADDRESS_HEADER?.toLowerCase() || undefined, xffDepth: parseLimit(env, 'XFF_DEPTH', 1) },
		collab: {
			maxFrameBytes: parseLimit(env, 'COLLAB_MAX_FRAME_BYTES', DEFAULT_COLLAB_LIMITS.maxFrameBytes),
			maxConnections: parseLimit(env, 'COLLAB_MAX_CONNECTIONS', DEFAULT_COLLAB_LIMITS.maxConnections),
			maxUnauthenticatedPerAddress: parseLimit(env, 'COLLAB_MAX_UNAUTHENTICATED_PER_ADDRESS', DEFAULT_COLLAB_LIMITS.maxUnauthenticatedPerAddress),
			maxMessagesPerSecond: parseLimit(env, 'COLLAB_MAX_MESSAGES_PER_SECOND', DEFAULT_COLLAB_LIMITS.maxMessagesPerSecond)
		},
		databaseMaxBytes: mb(parsePositive('DATABASE_MAX_MB', env.DATABASE_MAX_MB, { integer: false })),
		backup: parseBackup(env),
		databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
		databasePoolSize: parseLimit(env, 'DATABASE_POOL_SIZE', 10),
		redis: parseRedis(env),
		metricsToken: parseMetricsToken(env.METRICS_TOKEN),
		mail: parseMailConfig(env),
		twoFactorKey: parseTwoFactorKey(env.TWO_FACTOR_KEY?.trim())
	};
}
