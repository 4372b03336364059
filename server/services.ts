import { createShareThrottle, createSignInThrottles, type FailureThrottle, type SignInThrottles, type ThrottleStore } from './auth/rate-limit.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Db } from './db/client.ts';
import { createCollabServer, type CollabServer } from './collab/server.ts';
import { openRedis } from './redis.ts';

export interface Services {
	config: Config;
	db: Db;
	collab: CollabServer;
	signInThrottles: SignInThrottles;
	/** Bad share tokens per address: guessing links is slowed down like guessing passwords. */
	shareThrottle: FailureThrottle;
}

// The Node entry point and the SvelteKit bundle are separate module graphs in one process; a
// process-wide symbol makes them share one database connection and one collaboration server.
const KEY = Symbol.for('bridgework.services');
type Holder = { [KEY]?: Services };

export function createServices(config: Config = loadConfig()): Services {
	const db = openDatabase(config.dataDir, { maxBytes: config.databaseMaxBytes });
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
		collab: createCollabServer(db, { publicOrigin: config.origin, shareThrottle, limits: config.collab }),
		signInThrottles: createSignInThrottles(throttleStore),
		shareThrottle
	};
}

export function services(): Services {
	const holder = globalThis as Holder;
	holder[KEY] ??= createServices();
	return holder[KEY];
}
