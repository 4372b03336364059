import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Redis } from 'ioredis';
import type { FailureThrottle } from '../auth/rate-limit.ts';
import { DEFAULT_COLLAB_LIMITS, type CollabLimits } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AccessExtension } from './AccessExtension.ts';
import { DatabaseAccessChangeFeed } from './access-feed.ts';
import { AuthenticationExtension } from './AuthenticationExtension.ts';
import type { CollabContext } from './context.ts';
import { LimitsExtension } from './LimitsExtension.ts';
import { PersistenceExtension } from './PersistenceExtension.ts';
import { PresenceExtension } from './PresenceExtension.ts';
import { RefusalLog } from './refusal-log.ts';
import { SocketLimits } from './socket-limits.ts';
import { UpdateGuardExtension } from './UpdateGuardExtension.ts';

export interface CollabServer {
	hocuspocus: Hocuspocus<CollabContext>;
	persistence: PersistenceExtension;
	access: AccessExtension;
	/** Counts and meters sockets; the upgrade handler and the limits extension share it. */
	sockets: SocketLimits;
	/** The one rate-limited log of refused sockets, shared by the upgrade handler and the guard. */
	refusals: RefusalLog;
}

export function createCollabServer(
	db: Db,
	options: {
		publicOrigin: string | undefined;
		shareThrottle: FailureThrottle;
		limits?: CollabLimits;
		/** Several instances: documents and presence travel between them through this Redis. */
		redis?: { url: string; keyPrefix: string };
	}
): CollabServer {
	const sockets = new SocketLimits(options.limits ?? DEFAULT_COLLAB_LIMITS);
	const refusals = new RefusalLog();
	const persistence = new PersistenceExtension(db, { thread: 'worker' });
	const access = new AccessExtension(db, new DatabaseAccessChangeFeed(db));
	const hocuspocus = new Hocuspocus<CollabContext>({
		name: 'bridgework',
		quiet: true,
		// The update log makes every accepted change durable at once; these only bound compaction.
		debounce: 2000,
		maxDebounce: 10_000,
		// Order matters, and hooks run in this order: limits (socket bookkeeping; frame size, rate
		// and envelope are checked before Hocuspocus in upgrade.ts) → authentication (nobody reaches
		// what follows before it has decided) → the access watcher (follows each connection from the
		// moment it is set up) → presence → the update guard (refuses an update the document cannot
		// take, in beforeSync) → persistence (stores only what the guard let pass).
		// With Redis, @hocuspocus/extension-redis (priority 1000, so its hooks run first) relays every
		// update and awareness change to the other instances holding the document, and takes a
		// Redis lock around each store. Relayed updates reach neither the guard nor persistence: the
		// instance that received an update checked and stored it before acknowledging it.
		extensions: [
			...(options.redis ? [relayThrough(options.redis)] : []),
			new LimitsExtension(sockets),
			new AuthenticationExtension(db, options.publicOrigin, options.shareThrottle),
			access,
			new PresenceExtension(),
			new UpdateGuardExtension(refusals),
			persistence
		]
	});
	return { hocuspocus, persistence, access, sockets, refusals };
}

function relayThrough(redis: { url: string; keyPrefix: string }): Extension {
	// Each instance its own connections (pub and sub); a lost connection reconnects by itself.
	const connect = () => {
		const client = new Redis(redis.url, { maxRetriesPerRequest: null });
		// Once per outage, not once per reconnect attempt.
		let failing = false;
		client.on('error', (error) => {
			if (!failing) console.error(`[redis] relaying between instances paused: ${error.message}; reconnecting`);
			failing = true;
		});
		client.on('ready', () => {
			if (failing) console.log('[redis] relaying between instances resumed');
			failing = false;
		});
		return client;
	};
	return new RedisExtension({ createClient: connect, prefix: `${redis.keyPrefix}collab` });
}
