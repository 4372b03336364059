import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { AcknowledgementTracker, trackedProviderOptions } from './acknowledgements.ts';
import { parseDocumentName } from '$lib/shared/collab/document-name.ts';
import { forgetOfflineDocument } from './offline-documents.ts';
import { pendingEdits } from './pending-edits.ts';
import { trackLocalCopy } from './local-writes.ts';
import { keepFirstScreen } from './first-screen-writer.ts';
import { othersIn, type Person } from './presence.ts';
import { collabUrl } from './collab-url.ts';

export { collabUrl };

/**
 * The client half of sync, kept apart from components: one Y.Doc, its copy in IndexedDB, and the
 * connection to /collab. The IndexedDB copy is the first copy: the document opens from it with or
 * without a network, and every edit lands there before it is sent. Components read `state`.
 */

export type SyncState = 'connecting' | 'offline' | 'syncing' | 'saved' | 'not-saved' | 'signed-out' | 'no-access' | 'access-changed' | 'read-only';

/** The server closes a connection with this when what it may see or do has changed (server/collab/invalidate.ts). */
const ACCESS_CHANGED = { code: 4403, reason: 'access-changed' } as const;

export interface CollabIdentity {
	userId: string;
	name: string;
	color: string;
}

const CREDENTIALS = 'cookie';

export function localDatabaseName(userId: string, documentName: string): string {
	return `bridgework/${userId}/${documentName}`;
}

export class CollabSession {
	readonly doc = new Y.Doc();
	readonly provider: HocuspocusProvider;
	readonly local: IndexeddbPersistence;

	#connected = $state(false);
	#status = $state<'connecting' | 'connected' | 'disconnected'>('connecting');
	#synced = $state(false);
	/** Every update this device sent is acknowledged: our count, not the provider's (acknowledgements.ts). */
	#acknowledged = $state(false);
	/** The server could not store an edit; the provider resends it on every reconnect until it can. */
	#storageRefused = $state(false);
	#online = $state(true);
	#refusal = $state<string | null>(null);
	/** Closed because access changed, and not yet let back in: nothing is accepted meanwhile. */
	#accessChanged = $state(false);
	/** What the server let this connection do the last time it let it in. */
	#scope = $state<'read-write' | 'readonly' | null>(null);
	#localReady = $state(false);
	#everSynced = $state(false);
	/** Edits made on this device that the server has not confirmed; kept across reloads. */
	#pending = $state(0);
	#others = $state<Person[]>([]);

	/** The one word the person sees: where their edits are right now. */
	readonly state: SyncState = $derived.by(() => {
		if (this.#refusal === 'unauthenticated') return 'signed-out';
		if (this.#refusal) return 'no-access';
		if (this.#accessChanged) return 'access-changed';
		if (this.#scope === 'readonly') return 'read-only';
		if (this.#storageRefused) return 'not-saved';
		if (!this.#online) return 'offline';
		if (!this.#connected) return this.#status === 'connecting' ? 'connecting' : 'offline';
		if (!this.#synced || !this.#acknowledged) return 'syncing';
		return 'saved';
	});
	readonly pendingChanges = $derived(this.#pending);
	/**
	 * Whether this page may take edits now. Signed out it still may (they are kept on the device
	 * and sync after signing in again); once the server has ended or narrowed this person's access,
	 * or while it decides again, it may not: an edit then would be shown and never stored.
	 */
	readonly writable = $derived(this.#refusal === null || this.#refusal === 'unauthenticated' ? !this.#accessChanged && this.#scope !== 'readonly' : false);
	readonly localReady = $derived(this.#localReady);
	/**
	 * The text has arrived, from this device's copy or (should IndexedDB fail) from the server; it
	 * stays true when the connection drops afterwards.
	 */
	readonly loaded = $derived(this.#localReady || this.#everSynced);
	/**
	 * The server let this connection read but not write (a client who is not co-editing). Access can
	 * change while a page is open: the server closes the connection and says so on reconnecting.
	 */
	readonly readOnly = $derived(this.#scope === 'readonly');

	readonly #teardown: Array<() => void> = [];

	constructor(documentName: string, identity: CollabIdentity) {
		const pending = pendingEdits(identity.userId, documentName);
		this.#pending = pending.count();
		this.local = new IndexeddbPersistence(localDatabaseName(identity.userId, documentName), this.doc);
		this.#teardown.push(trackLocalCopy(this.local));
		const firstScreen = keepFirstScreen(this.doc, this.local);
		this.#teardown.push(() => firstScreen.stop());
		void this.local.whenSynced.then(() => {
			this.#localReady = true;
			this.#settle(pending);
		});

		const acknowledgements = new AcknowledgementTracker(documentName);
		this.#teardown.push(
			acknowledgements.subscribe(({ saved, storageRefused }) => {
				this.#acknowledged = saved;
				this.#storageRefused = storageRefused;
				this.#settle(pending);
			})
		);

		this.provider = new HocuspocusProvider(
			trackedProviderOptions(acknowledgements, {
				url: collabUrl(window.location),
				name: documentName,
				document: this.doc,
				token: CREDENTIALS,
				onStatus: ({ status }) => {
					this.#status = status;
					this.#connected = status === 'connected';
					if (!this.#connected) this.#synced = false;
				},
				onSynced: ({ state }) => {
					this.#synced = state;
					if (state) this.#everSynced = true;
					this.#settle(pending);
				},
				onClose: ({ event }) => {
					if (event.code === ACCESS_CHANGED.code || event.reason === ACCESS_CHANGED.reason) this.#accessChanged = true;
				},
				onAuthenticated: ({ scope }) => {
					this.#refusal = null;
					this.#accessChanged = false;
					this.#scope = scope;
				},
				onAuthenticationFailed: ({ reason }) => {
					this.#refusal = reason;
					this.#accessChanged = false;
					// No longer theirs to read: the device stops showing it before the editor loads.
					// (Signed out, the copy and its edits are kept until they sign in again.)
					if (reason !== 'unauthenticated') void firstScreen.forget();
					// The server decided (not a failure of its own): the device keeps no copy to read offline.
					// Edits that never reached it stay, to sync should access return; nothing else would keep them.
					if ((reason === 'forbidden' || reason === 'not-found') && pending.count() === 0) void this.#forgetLocalCopy(identity.userId, documentName);
				}
			})
		);
		this.provider.setAwarenessField('user', { name: identity.name, color: identity.color });
		const awareness = this.provider.awareness;
		if (awareness) {
			const onPresence = () => (this.#others = othersIn(awareness.getStates(), awareness.clientID));
			awareness.on('change', onPresence);
			this.#teardown.push(() => awareness.off('change', onPresence));
		}

		// Count what this person types (not what arrives from IndexedDB or the server).
		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			if (origin === this.provider || origin === this.local) return;
			this.#pending = pending.add();
		};
		this.doc.on('update', onUpdate);

		this.#online = navigator.onLine;
		const online = () => {
			this.#online = true;
			// The provider's backoff may be waiting up to 30 s: the network is back, so try now.
			void this.provider.configuration.websocketProvider.connect();
		};
		const offline = () => (this.#online = false);
		window.addEventListener('online', online);
		window.addEventListener('offline', offline);
		this.#teardown.push(() => {
			window.removeEventListener('online', online);
			window.removeEventListener('offline', offline);
			this.doc.off('update', onUpdate);
		});
	}

	async #forgetLocalCopy(userId: string, documentName: string): Promise<void> {
		await this.local.clearData();
		const name = parseDocumentName(documentName);
		if (name?.kind === 'document') await forgetOfflineDocument(userId, name.documentId);
	}

	/** The other people with this document open, for the "Also editing" list. */
	get others(): Person[] {
		return this.#others;
	}

	/** The server has everything this device has: nothing is pending any more. */
	#settle(pending: ReturnType<typeof pendingEdits>): void {
		if (this.#synced && this.#acknowledged && this.#connected && this.#localReady) this.#pending = pending.clear();
	}

	destroy(): void {
		for (const undo of this.#teardown) undo();
		this.provider.destroy();
		void this.local.destroy();
		this.doc.destroy();
	}
}

/**
 * A stable, readable colour per person, so a caret keeps its colour across visits. Hex, because
 * Tiptap's collaboration caret paints any other notation transparent.
 */
export function colorFor(id: string): string {
	let hash = 0;
	for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return hslToHex(hash % 360, 0.7, 0.38);
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
	const a = saturation * Math.min(lightness, 1 - lightness);
	const channel = (n: number) => {
		const k = (n + hue / 30) % 12;
		const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
		return Math.round(value * 255)
			.toString(16)
			.padStart(2, '0');
	};
	return `#${channel(0)}${channel(8)}${channel(4)}`;
}
