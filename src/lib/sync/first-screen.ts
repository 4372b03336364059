/**
 * A document's first screen: its text rendered to HTML (first-screen-html.ts, with the document
 * schema, every string escaped), kept in the document's own IndexedDB copy, in y-indexeddb's
 * "custom" store beside the updates. Opening offline, the service worker writes it into the kept
 * page, so the text is read at the browser's first paint, before any script runs; the editor
 * takes its place once the Y.Doc has loaded (DocumentEditor.svelte).
 *
 * It lives and dies with the copy: signing out deletes the database (local-data.ts), a refused
 * connection deletes it (collab-session.svelte.ts), and so does the server answering the page
 * with 404 (service-worker.ts). This module is run by the service worker too: it imports nothing.
 */
import type { IndexeddbPersistence } from 'y-indexeddb';

/** The key in y-indexeddb's "custom" store. */
export const FIRST_SCREEN_KEY = 'first-screen';
const CUSTOM_STORE = 'custom';
/** Larger documents open without one: the HTML parser's time would eat what it saves. */
export const MAX_FIRST_SCREEN_CHARS = 2_000_000;

/** `bridgework/<user id>/<document name>`, as localDatabaseName writes it: nothing else is opened. */
const DATABASE_NAME = /^bridgework\/[0-9A-Za-z_-]{1,64}\/[0-9A-Za-z:_-]{1,80}$/;
/** The page's empty first-screen element (DocumentEditor.svelte), as Svelte renders it on the server. */
const MARKER = /<div [^>]*data-first-screen="([^"]{1,160})"[^>]*><\/div>/;

/** The HTML of a first screen as stored, or null for anything else. */
function asFirstScreen(value: unknown): string | null {
	return typeof value === 'string' && value.length > 0 && value.length <= MAX_FIRST_SCREEN_CHARS ? value : null;
}

export function isLocalDatabaseName(name: string): boolean {
	return DATABASE_NAME.test(name);
}

/** Keeps `html` as the document's first screen in its local copy; resolves once it is stored. */
export async function writeFirstScreen(local: IndexeddbPersistence, html: string): Promise<void> {
	if (!asFirstScreen(html)) return clearFirstScreen(local);
	await local.set(FIRST_SCREEN_KEY, html);
}

export async function clearFirstScreen(local: IndexeddbPersistence): Promise<void> {
	await local.del(FIRST_SCREEN_KEY);
}

export async function firstScreenOf(local: IndexeddbPersistence): Promise<string | null> {
	return asFirstScreen(await local.get(FIRST_SCREEN_KEY));
}

/**
 * Reads the first screen of the local copy `databaseName`, or null: no such copy (nothing is
 * created then), no first screen in it, or IndexedDB not answering within `timeoutMs`.
 */
export function readFirstScreen(databaseName: string, timeoutMs = 500): Promise<string | null> {
	if (!isLocalDatabaseName(databaseName)) return Promise.resolve(null);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(null), timeoutMs);
		const done = (screen: string | null) => {
			clearTimeout(timer);
			resolve(screen);
		};
		const request = indexedDB.open(databaseName);
		// The copy does not exist: abort, so that opening it leaves no empty database behind for
		// y-indexeddb to find without its stores.
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = () => done(null);
		request.onblocked = () => done(null);
		request.onsuccess = () => {
			const db = request.result;
			if (!db.objectStoreNames.contains(CUSTOM_STORE)) {
				db.close();
				return done(null);
			}
			const get = db.transaction(CUSTOM_STORE, 'readonly').objectStore(CUSTOM_STORE).get(FIRST_SCREEN_KEY);
			get.onsuccess = () => {
				db.close();
				done(asFirstScreen(get.result));
			};
			get.onerror = () => {
				db.close();
				done(null);
			};
		};
	});
}

/** Deletes the first screen of the local copy `databaseName`, if there is one (the rest is left). */
export function forgetFirstScreen(databaseName: string): Promise<void> {
	if (!isLocalDatabaseName(databaseName)) return Promise.resolve();
	return new Promise((resolve) => {
		const request = indexedDB.open(databaseName);
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = request.onblocked = () => resolve();
		request.onsuccess = () => {
			const db = request.result;
			if (!db.objectStoreNames.contains(CUSTOM_STORE)) {
				db.close();
				return resolve();
			}
			const transaction = db.transaction(CUSTOM_STORE, 'readwrite');
			transaction.objectStore(CUSTOM_STORE).delete(FIRST_SCREEN_KEY);
			transaction.oncomplete =
				transaction.onerror =
				transaction.onabort =
					() => {
						db.close();
						resolve();
					};
		};
	});
}

/** The local copy a kept page's first-screen element names, or null when it has none. */
export function firstScreenNameIn(page: string): string | null {
	const name = MARKER.exec(page)?.[1];
	return name && isLocalDatabaseName(name) ? name : null;
}

/** The kept page with `html` inside its empty first-screen element; unchanged if it has none. */
export function withFirstScreen(page: string, html: string): string {
	const match = MARKER.exec(page);
	if (!match) return page;
	const end = match.index + match[0].length - '</div>'.length;
	return page.slice(0, end) + html + page.slice(end);
}
