import { HocuspocusProvider } from '@hocuspocus/provider';
import { generateHTML } from '@tiptap/html';
import * as Y from 'yjs';
import { documentJSONOf } from '$lib/shared/editor/document-content.ts';
import { documentExtensions } from '$lib/shared/editor/extensions.ts';
import { readCustomMeasures, readMeasurements, readReferenceSex } from '$lib/shared/measures/store.ts';
import type { Sex } from '$lib/shared/measures/catalogue.ts';
import type { CustomMeasure, Measurement } from '$lib/shared/measures/types.ts';
import { collabUrl } from '$lib/sync/collab-url.ts';

export type LiveState = 'connecting' | 'live' | 'offline' | 'checking' | 'revoked';

/** The server closes a connection with this when what it may see has changed (server/collab/invalidate.ts). */
const ACCESS_CHANGED = { code: 4403, reason: 'access-changed' } as const;

const RENDER_DELAY_MS = 120;

/**
 * A provider's live view: a read-only Y.Doc kept in step by the server, rendered to HTML with the
 * same schema the server used for the first paint. Nothing here can write: the server holds the
 * connection read-only, and this class never edits the document.
 */
export class LiveReport {
	html = $state<string | null>(null);
	/** The document's outcome measures, followed live like its text. */
	measures = $state<{ measurements: Measurement[]; customs: CustomMeasure[]; sex: Sex | undefined } | null>(null);
	updatedAt = $state<Date | null>(null);
	state = $state<LiveState>('connecting');

	readonly #doc = new Y.Doc();
	readonly #provider: HocuspocusProvider;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#synced = false;

	constructor(documentName: string, shareToken: string) {
		this.#provider = new HocuspocusProvider({
			url: collabUrl(window.location),
			name: documentName,
			document: this.#doc,
			token: `share:${shareToken}`,
			onSynced: ({ state }) => {
				this.#synced = state;
				if (state) this.state = 'live';
				this.#render();
			},
			onStatus: ({ status }) => {
				if (this.state !== 'revoked' && this.state !== 'checking' && status !== 'connected') this.state = 'offline';
			},
			onClose: ({ event }) => {
				// The server is deciding this link again: the report leaves the screen at once, and
				// comes back only if the link is let back in.
				if (this.state !== 'revoked' && (event.code === ACCESS_CHANGED.code || event.reason === ACCESS_CHANGED.reason)) {
					this.state = 'checking';
					this.html = null;
					this.measures = null;
				}
			},
			onAuthenticationFailed: () => {
				// Revoked, expired or no longer covered by consent: take the report off the screen.
				this.state = 'revoked';
				this.html = null;
				this.#provider.destroy();
			}
		});
		this.#doc.on('update', () => {
			if (!this.#synced) return;
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => {
				this.updatedAt = new Date();
				this.#render();
			}, RENDER_DELAY_MS);
		});
	}

	#render(): void {
		if (this.state === 'revoked') return;
		// Only what the schema holds is rendered, so nothing in the document can break the view.
		const json = documentJSONOf(this.#doc, (skipped) => console.warn('Left out of the live view:', skipped.slice(0, 5).join(', ')));
		this.html = generateHTML(json, documentExtensions);
		this.measures = { measurements: readMeasurements(this.#doc), customs: readCustomMeasures(this.#doc), sex: readReferenceSex(this.#doc) };
	}

	destroy(): void {
		clearTimeout(this.#timer);
		this.#provider.destroy();
		this.#doc.destroy();
	}
}
