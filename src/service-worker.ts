/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { assetCacheName, unusedAssetCaches } from '$lib/sync/asset-caches.ts';
import { firstScreenNameIn, forgetFirstScreen, readFirstScreen, withFirstScreen } from '$lib/sync/first-screen.ts';

/**
 * Offline for the workspace: the app's built files are cached at install; pages a signed-in person
 * opens are kept (network first, cache when the network fails or is too slow) so that clients,
 * documents and their metadata open with no connection. Document text lives in IndexedDB, not
 * here; a kept document page served offline gets its first screen from there (withDocumentText).
 * Share links, sign-in and sign-out, and the sync socket always go to the network. Signing out
 * clears all of it (Clear-Site-Data on the sign-out response, and the page clears what it can
 * itself).
 *
 * A new version takes over at once, but the assets of an older one stay cached while a tab still
 * runs it: that tab keeps working, offers "Reload to update", and loses no unsynced edit.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSETS = assetCacheName(version);
const PAGES = 'bridgework-pages';
const ASSET_PATHS = new Set([...build, ...files]);
const NEVER_CACHED = [
	/^\/s\//,
	/^\/e\//,
	/^\/invite\//,
	/^\/signin/,
	/^\/signup/,
	/^\/signout/,
	/^\/forgot/,
	/^\/reset\//,
	/^\/verify\//,
	/^\/collab/,
	/^\/calendar\//,
	/\/pdf$/
];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSETS)
			.then((cache) => cache.addAll([...ASSET_PATHS]))
			.then(() => sw.skipWaiting())
	);
});

/** Which version a tab runs, or null if it does not answer within a second (busy or frozen). */
function versionOf(client: Client): Promise<string | null> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const timer = setTimeout(() => resolve(null), 1_000);
		channel.port1.onmessage = (event: MessageEvent<{ version?: unknown }>) => {
			clearTimeout(timer);
			resolve(typeof event.data?.version === 'string' ? event.data.version : null);
		};
		client.postMessage({ type: 'version?' }, [channel.port2]);
	});
}

async function dropUnusedAssets(): Promise<void> {
	const tabs = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const versions = await Promise.all(tabs.map(versionOf));
	const inUse = versions.includes(null) ? null : (versions as string[]);
	await Promise.all(unusedAssetCaches(await caches.keys(), version, inUse).map((key) => caches.delete(key)));
}

sw.addEventListener('activate', (event) => {
	event.waitUntil(sw.clients.claim().then(dropUnusedAssets));
});

function offlinePage(): Response {
	const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Bridgework</title>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1.5rem; line-height: 1.5; color: #1b2528">
<h1>You are offline</h1><p>This page has not been saved on this device yet. Pages you have opened before, and documents marked “available offline”, open without a connection.</p>
<p><a href="/clients">Go to your clients</a> · <a href="/my">Go to your records</a></p></body></html>`;
	return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

async function cacheData(cache: Cache, url: URL): Promise<void> {
	const data = new URL(`${url.pathname.replace(/\/$/, '')}/__data.json`, url);
	try {
		const response = await fetch(data, { credentials: 'same-origin' });
		if (response.ok && !response.redirected) await cache.put(data, response);
	} catch {
		// Offline or refused: the page itself is cached, which is what a reload needs.
	}
}

/**
 * One cache entry per page and per page's data. SvelteKit adds a changing query to data requests
 * (which layouts to re-run); the newest answer for a path is the one to serve offline.
 */
function cacheKey(request: Request): string {
	const url = new URL(request.url);
	if (url.pathname.endsWith('/__data.json')) url.search = '';
	return url.href;
}

/**
 * A kept page with its document's first screen in it (first-screen.ts): the text is there at the
 * first paint, before the app's scripts have loaded (or are even asked for). Any failure serves
 * the page as it was kept.
 */
async function withDocumentText(page: Response): Promise<Response> {
	try {
		const html = await page.clone().text();
		const name = firstScreenNameIn(html);
		const screen = name ? await readFirstScreen(name) : null;
		if (!screen) return page;
		const headers = new Headers(page.headers);
		headers.delete('content-length');
		headers.delete('content-encoding');
		// SvelteKit lists every script of the page in a Link header (modulepreload): the browser
		// would fetch and parse all of them at once, on the same two cores as the first screen's
		// layout. Without it the scripts load when the page's start-up script asks for them, after
		// the text has been parsed.
		headers.delete('link');
		return new Response(withFirstScreen(html, screen), { status: page.status, statusText: page.statusText, headers });
	} catch {
		return page;
	}
}

/** The server no longer shows this page to this person (404: no access, or gone): nothing of it stays. */
async function forgetPage(cache: Cache, key: string): Promise<void> {
	const kept = await cache.match(key, { ignoreVary: true });
	const name = kept ? firstScreenNameIn(await kept.text()) : null;
	if (name) await forgetFirstScreen(name);
	const url = new URL(key);
	await Promise.all([
		cache.delete(key, { ignoreVary: true }),
		cache.delete(new URL(`${url.pathname.replace(/\/$/, '')}/__data.json`, url).href, { ignoreVary: true })
	]);
}

/**
 * How long a page waits on the network before the kept copy is shown. Network first keeps pages
 * fresh, but a connection that neither answers nor fails (a train, a basement gym) would hold a
 * page the device already has for as long as the browser's own timeout, which is minutes.
 */
const NETWORK_PATIENCE_MS = 4_000;

/** The page from the network, kept for offline use when it is a real page of a signed-in session. */
async function fromNetwork(cache: Cache, key: string, request: Request): Promise<Response> {
	const response = await fetch(request);
	if (response.status === 404 && request.mode === 'navigate') await forgetPage(cache, key);
	// Only real pages of a signed-in session are kept: never a redirect to sign-in or an error.
	if (response.ok && response.type === 'basic' && !response.redirected) {
		await cache.put(key, response.clone());
		// A page opened by a full load is later reached by in-app navigation, which asks for its
		// data instead: keep both, so either way of arriving works offline.
		if (request.mode === 'navigate') void cacheData(cache, new URL(request.url));
	}
	return response;
}

/**
 * Network first, the kept copy when the network fails, or when it keeps a page being opened
 * waiting past NETWORK_PATIENCE_MS. `stored` settles when the network's answer (however late) is
 * kept, for the event to wait on.
 */
function fromNetworkThenCache(request: Request): { response: Promise<Response>; stored: Promise<unknown> } {
	const key = cacheKey(request);
	const opened = caches.open(PAGES);
	const network = opened.then((cache) => fromNetwork(cache, key, request));
	const kept = async () => {
		const cached = await (await opened).match(key, { ignoreVary: true });
		if (!cached) return undefined;
		return request.mode === 'navigate' ? withDocumentText(cached) : cached;
	};
	const response = (async () => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const patience = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, NETWORK_PATIENCE_MS)));
		try {
			// Only a page being opened: the data a page asks for after a form's action must be the
			// server's, or the person would not see what they just did.
			const answer = request.mode === 'navigate' ? await Promise.race([network, patience]) : await network;
			if (answer) return answer;
			return (await kept()) ?? (await network);
		} catch (error) {
			const cached = await kept();
			if (cached) return cached;
			if (request.mode === 'navigate') return offlinePage();
			throw error;
		} finally {
			clearTimeout(timer);
		}
	})();
	return { response, stored: network.catch(() => undefined) };
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	// An older version's chunk, asked for by a tab opened before a deploy, is in that version's cache.
	if (ASSET_PATHS.has(url.pathname) || url.pathname.startsWith('/_app/immutable/')) {
		event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
		return;
	}
	if (NEVER_CACHED.some((pattern) => pattern.test(url.pathname))) return;
	const isPage = request.mode === 'navigate' || url.pathname.endsWith('/__data.json');
	if (!isPage) return;
	const page = fromNetworkThenCache(request);
	event.respondWith(page.response);
	// A late answer from the network is still kept, after the page was served from the cache.
	event.waitUntil(page.stored);
});

sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; urls?: string[] } | null;
	if (data?.type === 'cache-pages' && Array.isArray(data.urls)) {
		// "Available offline": fetch the pages now so that they are there before the person needs them.
		const keep = (request: Request) => caches.open(PAGES).then((cache) => fromNetwork(cache, cacheKey(request), request));
		event.waitUntil(Promise.all(data.urls.map((url) => keep(new Request(url)).catch(() => undefined))));
	}
	if (data?.type === 'clear') event.waitUntil(caches.delete(PAGES));
	// A tab opened: those closed since may have been the last to run an older version.
	if (data?.type === 'opened') event.waitUntil(dropUnusedAssets());
});
