import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/**
 * The client half of sync, kept apart from components: one Y.Doc, its copy in IndexedDB, and the
 * connection to /collab. Components read `status`; they never touch the provider's events.
 */

export type SyncState = 'connecting' | 'offline' | 'unsaved' | 'saved' | 'signed-out' | 'no-access';

export interface CollabIdentity {
	userId: string;
	name: string;
	color: string;
}

const CREDENTIALS = 'cookie';

export function localDatabaseName(userId: string, documentName: string): string {
	return `bridgework/${userId}/${documentName}`;
}

export function collabUrl(location: Location): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

export class CollabSession {
	readonly doc = new Y.Doc();
	readonly provider: HocuspocusProvider;
	readonly local: IndexeddbPersistence;

	#connected = $state(false);
	#synced = $state(false);
	#unsynced = $state(0);
	#online = $state(true);
	#refusal = $state<string | null>(null);
	#localReady = $state(false);

	/** The one word the person sees: where their edits are right now. */
	readonly state: SyncState = $derived.by(() => {
		if (this.#refusal === 'unauthenticated') return 'signed-out';
		if (this.#refusal) return 'no-access';
		if (!this.#online) return 'offline';
		if (!this.#connected || !this.#synced) return 'connecting';
		return this.#unsynced > 0 ? 'unsaved' : 'saved';
	});
	readonly unsyncedChanges = $derived(this.#unsynced);
	readonly localReady = $derived(this.#localReady);

	readonly #teardown: Array<() => void> = [];

	constructor(documentName: string, identity: CollabIdentity) {
		this.local = new IndexeddbPersistence(localDatabaseName(identity.userId, documentName), this.doc);
		this.local.whenSynced.then(() => (this.#localReady = true));

		this.provider = new HocuspocusProvider({
			url: collabUrl(window.location),
			name: documentName,
			document: this.doc,
			token: CREDENTIALS,
			onStatus: ({ status }) => {
				this.#connected = status === 'connected';
				if (!this.#connected) this.#synced = false;
			},
			onSynced: ({ state }) => (this.#synced = state),
			onUnsyncedChanges: ({ number }) => (this.#unsynced = number),
			onAuthenticated: () => (this.#refusal = null),
			onAuthenticationFailed: ({ reason }) => (this.#refusal = reason)
		});
		this.provider.setAwarenessField('user', { name: identity.name, color: identity.color });

		this.#online = navigator.onLine;
		const online = () => (this.#online = true);
		const offline = () => (this.#online = false);
		window.addEventListener('online', online);
		window.addEventListener('offline', offline);
		this.#teardown.push(() => {
			window.removeEventListener('online', online);
			window.removeEventListener('offline', offline);
		});
	}

	destroy(): void {
		for (const undo of this.#teardown) undo();
		this.provider.destroy();
		void this.local.destroy();
		this.doc.destroy();
	}
}

/** A stable, readable colour per person, so a caret keeps its colour across visits. */
export function colorFor(id: string): string {
	let hash = 0;
	for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return `hsl(${hash % 360} 70% 38%)`;
}
