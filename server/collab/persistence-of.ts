import type { Hocuspocus } from '@hocuspocus/server';
import type { CollabContext } from './context.ts';
import type { PersistenceExtension } from './PersistenceExtension.ts';

/**
 * The persistence extension a Hocuspocus instance was configured with (server.ts adds exactly one).
 * Found by name, not instanceof: the SvelteKit bundle and the Node entry point load this class
 * in two module graphs, and the instance was made by the other one.
 */
export function persistenceOf(hocuspocus: Hocuspocus<CollabContext>): Pick<PersistenceExtension, 'written'> {
	const extension = hocuspocus.configuration.extensions.find((candidate) => candidate.extensionName === 'persistence');
	if (!extension || !('written' in extension)) throw new Error('this collaboration server stores nothing: no persistence extension');
	return extension as unknown as Pick<PersistenceExtension, 'written'>;
}
