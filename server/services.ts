import {
	createReplyThrottle,
	createShareThrottle,
	createSignInThrottles,
	type FailureThrottle,
	type SignInThrottles,
	type ThrottleStore
} from './auth/rate-limit.ts';
import { loadConfig, type Config } from './config.ts';
import { resolveTwoFactorKey, type TwoFactorKey } from './auth/two-factor-key.ts';
import { dialect, openDatabase, type Db } from './db/client.ts';
import { createCollabServer, type CollabServer } from './collab/server.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { openRedis } from './redis.ts';

export interface Services {
	config: Config;
	db: Db;
	collab: CollabServer;
	signInThrottles: SignInThrottles;
	/** Bad share tokens per address: guessing links is slowed down like guessing passwords. */
	shareThrottle: FailureThrottle;
	/** Provider messages per share link (server/sharing/replies.ts). */
	replyThrottle: FailureThrottle;
	/** Every email leaves through mailer.send; the entry point starts its delivery job. */
	mailer: Mailer;
	/** The key that seals authenticator keys, found (or made) the first time two-factor needs it. */
	twoFactorKey: () => TwoFactorKey;
}

// The Node entry point and the SvelteKit bundle are separate module graphs in one process; a
// process-wide symbol makes them share one database connection and one collaboration server.
const KEY = Symbol.for('bridgework.services');
type Holder = { [KEY]?: Promise<Services>; [RESOLVED]?: Services };
const RESOLVED = Symbol.for('bridgework.services.resolved');

export async function createServices(config: Config = loadConfig()): Promise<Services> {
	const db = await openDatabase(config.dataDir, { maxBytes: config.databaseMaxBytes, url: config.databaseUrl, poolSize: config.databasePoolSize });
	// With REDIS_URL the throttles count in Redis, so that all instances see the same failures.
	const throttleStore: ThrottleStore | undefined = config.redis && {
		redis: openRedis(config.redis.url, 'sign-in and share-link throttles count on each instance by itself'),
		keyPrefix: config.redis.keyPrefix
	};
	// One throttle for share tokens over HTTP and over /collab: a guess counts the same either way.
	const shareThrottle = createShareThrottle(throttleStore);
	return {
		config,
		db,
		collab: createCollabServer(db, { publicOrigin: config.origin, shareThrottle, limits: config.collab, redis: config.redis }),
		signInThrottles: createSignInThrottles(throttleStore),
		shareThrottle,
		replyThrottle: createReplyThrottle(throttleStore),
		mailer: createMailer(db, config.mail),
		twoFactorKey: once(() => resolveTwoFactorKey(config.twoFactorKey, dialect, config.dataDir))
	};
}

function once<T>(make: () => T): () => T {
	let made: { value: T } | undefined;
	return () => (made ??= { value: make() }).value;
}

/**
 * Opens the database and starts the collaboration server, once per process. The entry point (and
 * `vite dev`) await this before the first request, so that `services()` can stay synchronous.
 */
export function startServices(): Promise<Services> {
	const holder = globalThis as Holder;
	holder[KEY] ??= createServices().then((started) => (holder[RESOLVED] = started));
	return holder[KEY];
}

export function services(): Services {
	const started = (globalThis as Holder)[RESOLVED];
	if (!started) throw new Error('services() before startServices() resolved: the entry point starts them before serving');
	return started;
}
