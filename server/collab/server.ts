import { Hocuspocus } from '@hocuspocus/server';
import type { Db } from '../db/client.ts';
import { AccessExtension } from './AccessExtension.ts';
import { SqliteAccessChangeFeed } from './access-feed.ts';
import { AuthenticationExtension } from './AuthenticationExtension.ts';
import type { CollabContext } from './context.ts';
import { PersistenceExtension } from './PersistenceExtension.ts';
import { PresenceExtension } from './PresenceExtension.ts';

export interface CollabServer {
	hocuspocus: Hocuspocus<CollabContext>;
	persistence: PersistenceExtension;
	access: AccessExtension;
}

export function createCollabServer(db: Db, options: { publicOrigin: string | undefined }): CollabServer {
	const persistence = new PersistenceExtension(db);
	const access = new AccessExtension(db, new SqliteAccessChangeFeed(db));
	const hocuspocus = new Hocuspocus<CollabContext>({
		name: 'bridgework',
		quiet: true,
		// The update log makes every accepted change durable at once; these only bound compaction.
		debounce: 2000,
		maxDebounce: 10_000,
		// Order matters: nobody reaches presence or persistence before authentication has decided;
		// the access watcher follows each connection from the moment it is set up.
		extensions: [new AuthenticationExtension(db, options.publicOrigin), access, new PresenceExtension(), persistence]
	});
	return { hocuspocus, persistence, access };
}
