import { Hocuspocus } from '@hocuspocus/server';
import type { FailureThrottle } from '../auth/rate-limit.ts';
import { DEFAULT_COLLAB_LIMITS, type CollabLimits } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AccessExtension } from './AccessExtension.ts';
import { SqliteAccessChangeFeed } from './access-feed.ts';
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
	options: { publicOrigin: string | undefined; shareThrottle: FailureThrottle; limits?: CollabLimits }
): CollabServer {
	const sockets = new SocketLimits(options.limits ?? DEFAULT_COLLAB_LIMITS);
	const refusals = new RefusalLog();
	const persistence = new PersistenceExtension(db);
	const access = new AccessExtension(db, new SqliteAccessChangeFeed(db));
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
		extensions: [
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
