// Health and readiness for a load balancer. /healthz: the process is alive and serving (touches
// nothing). /readyz: this instance can serve requests now: its database answers, the schema it was
// built for is in place, and it is not shutting down (Redis, when configured, is reported too). A balancer
// stops sending requests to an instance whose /readyz fails, which is how a deploy drains one.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { engine, type Db } from './db/client.ts';

/** Long enough for a loaded database to answer `SELECT 1`, short enough for a balancer's probe. */
export const READY_TIMEOUT_MS = 1000;

export interface RedisPing {
	ping(): Promise<unknown>;
}

export interface Readiness {
	ready: boolean;
	/** Each check: "ok", or a few words saying what is not ready (never an error's own text). */
	checks: Record<string, string>;
}

export interface Health {
	/** Answers /healthz and /readyz; returns false for every other request, to pass it on. */
	handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
	readiness(): Promise<Readiness>;
	/** From now on /readyz fails, so the balancer sends no more requests while this one stops. */
	drain(): void;
}

interface JournalEntry {
	when: number;
}

/** The migrations this build ships (drizzle-kit's journal), by their timestamps. */
function expectedMigrations(kind: 'sqlite' | 'postgres'): number[] {
	const folder = kind === 'postgres' ? 'drizzle/postgres' : 'drizzle';
	const journal = JSON.parse(fs.readFileSync(path.resolve(folder, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] };
	return journal.entries.map((entry) => entry.when);
}

class Timeout extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout()), ms)));
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The timestamps of the migrations applied, from drizzle's own table (each row's created_at is the
 * migration's journal `when`). The trivial query comes first, so that a database that does not
 * answer is reported as that rather than as missing migrations.
 */
async function appliedMigrations(db: Db): Promise<number[]> {
	const current = engine(db);
	if (current.kind === 'sqlite') {
		const sqlite = current.db.$client;
		sqlite.prepare('SELECT 1').get();
		const rows = sqlite.prepare('SELECT created_at FROM __drizzle_migrations').all() as Array<{ created_at: number | bigint }>;
		return rows.map((row) => Number(row.created_at));
	}
	const pool = current.db.$client;
	await pool.query('SELECT 1');
	const result = await pool.query<{ created_at: string }>('SELECT created_at FROM drizzle.__drizzle_migrations');
	return result.rows.map((row) => Number(row.created_at));
}

async function checkDatabase(db: Db, expected: readonly number[], checks: Record<string, string>): Promise<void> {
	let applied: number[];
	try {
		applied = await within(appliedMigrations(db), READY_TIMEOUT_MS);
	} catch (error) {
		checks.database = error instanceof Timeout ? `no answer within ${READY_TIMEOUT_MS} ms` : 'unreachable';
		checks.migrations = 'unknown';
		return;
	}
	checks.database = 'ok';
	const have = new Set(applied);
	const missing = expected.filter((when) => !have.has(when)).length;
	checks.migrations = missing === 0 ? 'ok' : `${missing} of ${expected.length} not applied`;
}

async function checkRedis(redis: RedisPing, checks: Record<string, string>): Promise<void> {
	try {
		await within(redis.ping(), READY_TIMEOUT_MS);
		checks.redis = 'ok';
	} catch (error) {
		checks.redis = error instanceof Timeout ? `no answer within ${READY_TIMEOUT_MS} ms` : 'unreachable';
	}
}

function answer(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string, type: string): void {
	// A cached "ready" would hide an instance that has since failed.
	res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
	res.end(req.method === 'HEAD' ? undefined : body);
}

export function createHealth(options: { db: Db; redis?: RedisPing }): Health {
	const { db, redis } = options;
	const expected = expectedMigrations(engine(db).kind);
	let draining = false;
	let wasReady = true;
	// Probes that arrive together share one round of queries: a burst of requests to an endpoint
	// anyone may call costs the database one query, not one per request.
	let inFlight: Promise<Readiness> | null = null;

	const check = async (): Promise<Readiness> => {
		// While stopping the database is being closed: its state no longer matters to the balancer.
		if (draining) return { ready: false, checks: { shutdown: 'stopping' } };
		const checks: Record<string, string> = {};
		await Promise.all([checkDatabase(db, expected, checks), redis ? checkRedis(redis, checks) : undefined]);
		// Redis is reported, not required: without it an instance still stores and serves every
		// edit (only live relaying to other instances pauses), and a Redis outage must not take
		// every instance out of the balancer at once.
		const ready = Object.entries(checks).every(([name, value]) => name === 'redis' || value === 'ok');
		// Logged when it changes, not at every probe: a balancer asks every few seconds.
		if (ready !== wasReady) {
			const failing = Object.entries(checks).filter(([, value]) => value !== 'ok');
			console.log(ready ? 'Ready again.' : `Not ready: ${failing.map(([name, value]) => `${name} ${value}`).join(', ')}.`);
			wasReady = ready;
		}
		return { ready, checks };
	};

	const readiness = (): Promise<Readiness> => {
		inFlight ??= check().finally(() => (inFlight = null));
		return inFlight;
	};

	return {
		readiness,
		drain: () => {
			draining = true;
		},
		handle: (req, res) => {
			if (req.method !== 'GET' && req.method !== 'HEAD') return false;
			const pathname = req.url?.split('?')[0];
			if (pathname === '/healthz') {
				answer(req, res, 200, 'ok\n', 'text/plain; charset=utf-8');
				return true;
			}
			if (pathname !== '/readyz') return false;
			readiness().then(
				(result) => answer(req, res, result.ready ? 200 : 503, JSON.stringify(result), 'application/json'),
				() => answer(req, res, 503, JSON.stringify({ ready: false, checks: { health: 'check failed' } }), 'application/json')
			);
			return true;
		}
	};
}
