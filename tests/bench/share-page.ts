// (a) The provider's share page on a first visit, against a static copy of its own HTML and CSS
// (every script and script preload taken out) served by a plain static server: the JavaScript the
// page downloads before its first paint and before it is interactive, and when it paints. Each
// visit is a fresh browser context (no HTTP cache, no service worker); the page and its static
// copy are visited in turn, so that a change in the machine's load hits both alike. Paint times
// are the browser's own paint entries, which it stamps when the frame is painted.
// "Interactive" is when the page's controls work. The share page runs no SvelteKit client (csr =
// false): its links, Download PDF and answer form are native HTML and work at DOMContentLoaded, so
// that is its interactive time; a page that hydrates (the share page before, any page that turns
// its client back on) is interactive when the root layout marks it hydrated (data-hydrated), and
// that is used when the mark appears. Apart from that, "live" is when its one script has the report
// in step with the server (data-live-state="live", set by src/lib/sharing/share-page-live.svelte.ts):
// the live view, the counter and the Print button work from then on.
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import type { RunningServer } from '../integration/helpers/server.ts';
import { median } from './measure.ts';
import { startStaticServer } from './static-server.ts';

interface ScriptEntry {
	url: string;
	startTime: number;
	encodedBodySize: number;
}

export interface PageVisit {
	/** When the page's HTML started to arrive (the server's render included), from navigation start. */
	responseStart: number;
	firstPaint: number;
	firstContentfulPaint: number;
}

export interface SharePageRun extends PageVisit {
	/** When the page was interactive: DOMContentLoaded for a page without hydration, else the root layout's data-hydrated. */
	interactive: number;
	/** Which of the two `interactive` is. */
	interactiveBy: 'DOMContentLoaded' | 'hydrated';
	/** When the live view was in step (data-live-state="live"). */
	live: number;
	/** Encoded bytes of scripts requested before the live view was in step. */
	beforeLiveBytes: number;
	/** Encoded (as sent) bytes of scripts requested before the first paint, after it, and before the page was interactive. */
	eagerBytes: number;
	lazyBytes: number;
	beforeInteractiveBytes: number;
	eagerFiles: string[];
	lazyFiles: string[];
	/** Every Content-Encoding the script responses came with ('identity' for none). */
	encodings: string[];
	/** Requests the service worker made (its install-time precache), and their encoded bytes. */
	serviceWorkerRequests: number;
	serviceWorkerBytes: number;
}

export interface SharePageFigures {
	runs: SharePageRun[];
	/** The static copy's visits, one before each of the page's. */
	baseline: PageVisit[];
	responseStart: number;
	firstPaint: number;
	firstContentfulPaint: number;
	interactive: number;
	live: number;
	eagerBytes: number;
	lazyBytes: number;
	beforeInteractiveBytes: number;
	beforeLiveBytes: number;
	baselineFirstContentfulPaint: number;
	baselineResponseStart: number;
}

declare global {
	interface Window {
		/** Set by the init script when the root layout marks the page hydrated, in ms since navigation start. */
		hydratedAt?: number;
		/** Set by the init script when the live script marks the report live, in ms since navigation start. */
		liveAt?: number;
	}
}

const LIVE = 'Live: changes appear as they are made';

function paintTimes(page: Page): Promise<Record<string, number>> {
	return page.evaluate(
		() =>
			new Promise<Record<string, number>>((resolve) => {
				const seen: Record<string, number> = {};
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries()) seen[entry.name] = entry.startTime;
					if (seen['first-paint'] !== undefined && seen['first-contentful-paint'] !== undefined) resolve(seen);
				}).observe({ type: 'paint', buffered: true });
			})
	);
}

function responseStartOf(page: Page): Promise<number> {
	return page.evaluate(() => {
		const [navigation] = performance.getEntriesByType('navigation');
		return navigation instanceof PerformanceNavigationTiming ? navigation.responseStart : Number.NaN;
	});
}

function scriptEntries(page: Page): Promise<ScriptEntry[]> {
	return page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.filter((entry): entry is PerformanceResourceTiming => entry instanceof PerformanceResourceTiming)
			.filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
			.map((entry) => ({ url: entry.name, startTime: entry.startTime, encodedBodySize: entry.encodedBodySize }))
	);
}

/** Runs in the page before its first script: notes when the root layout marks it hydrated, and when the live script marks it live. */
function watchForHydration(): void {
	const observer = new MutationObserver(() => {
		const marks = document.documentElement.dataset;
		if ('hydrated' in marks) window.hydratedAt ??= performance.now();
		if (marks.liveState === 'live') window.liveAt ??= performance.now();
	});
	observer.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated', 'data-live-state'] });
}

/** DOMContentLoaded (its end: every listener run), from navigation start. */
function domContentLoadedOf(page: Page): Promise<number> {
	return page.evaluate(() => {
		const [navigation] = performance.getEntriesByType('navigation');
		return navigation instanceof PerformanceNavigationTiming ? navigation.domContentLoadedEventEnd : Number.NaN;
	});
}

async function oneVisit(browser: Browser, url: string, acceptEncoding: string): Promise<SharePageRun> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'accept-encoding': acceptEncoding } });
	try {
		await context.addInitScript(watchForHydration);
		const encodings = new Set<string>();
		let serviceWorkerRequests = 0;
		let serviceWorkerBytes = 0;
		const pending: Promise<void>[] = [];
		context.on('response', (response) => {
			const request = response.request();
			if (request.serviceWorker()) {
				serviceWorkerRequests++;
				pending.push(request.sizes().then((sizes) => void (serviceWorkerBytes += sizes.responseBodySize)));
			} else if (request.resourceType() === 'script' || new URL(request.url()).pathname.endsWith('.js')) {
				pending.push(response.allHeaders().then((headers) => void encodings.add(headers['content-encoding'] ?? 'identity')));
			}
		});
		const page = await context.newPage();
		await page.goto(url);
		await page.getByRole('status').getByText(LIVE).waitFor();
		await page.waitForLoadState('networkidle');
		await page.waitForFunction(
			() => window.liveAt !== undefined || (window.hydratedAt !== undefined && document.documentElement.dataset.liveState === undefined)
		);
		// A service worker the page registers installs after the load event: let its precache finish.
		await page.evaluate(async () => {
			if (await navigator.serviceWorker?.getRegistration()) await navigator.serviceWorker.ready;
		});
		const paints = await paintTimes(page);
		const responseStart = await responseStartOf(page);
		const hydratedAt = await page.evaluate(() => window.hydratedAt);
		const interactiveBy = hydratedAt === undefined ? 'DOMContentLoaded' : 'hydrated';
		const interactive = hydratedAt ?? (await domContentLoadedOf(page));
		// Before this change the page marked nothing live: its hydration was when the live view started.
		const live = (await page.evaluate(() => window.liveAt)) ?? interactive;
		const firstPaint = paints['first-paint']!;
		const scripts = await scriptEntries(page);
		await Promise.all(pending);
		const eager = scripts.filter((script) => script.startTime < firstPaint);
		const lazy = scripts.filter((script) => script.startTime >= firstPaint);
		const sum = (entries: ScriptEntry[]) => entries.reduce((total, entry) => total + entry.encodedBodySize, 0);
		const names = (entries: ScriptEntry[]) => entries.map((entry) => new URL(entry.url).pathname.split('/').pop() ?? entry.url);
		return {
			responseStart,
			firstPaint,
			firstContentfulPaint: paints['first-contentful-paint']!,
			interactive,
			interactiveBy,
			live,
			beforeLiveBytes: sum(scripts.filter((script) => script.startTime <= live)),
			eagerBytes: sum(eager),
			lazyBytes: sum(lazy),
			beforeInteractiveBytes: sum(scripts.filter((script) => script.startTime <= interactive)),
			eagerFiles: names(eager),
			lazyFiles: names(lazy),
			encodings: [...encodings],
			serviceWorkerRequests,
			serviceWorkerBytes
		};
	} finally {
		await context.close();
	}
}

/** A visit to the static copy: nothing to wait for but its paint. */
async function staticVisit(browser: Browser, url: string, acceptEncoding: string): Promise<PageVisit> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'accept-encoding': acceptEncoding } });
	try {
		const page = await context.newPage();
		await page.goto(url);
		await page.waitForLoadState('load');
		const paints = await paintTimes(page);
		return { responseStart: await responseStartOf(page), firstPaint: paints['first-paint']!, firstContentfulPaint: paints['first-contentful-paint']! };
	} finally {
		await context.close();
	}
}

/** The page's HTML as the server sends it to a browser asking with `acceptEncoding`, decoded, and its Content-Encoding. */
function fetchHTML(url: string, acceptEncoding: string): Promise<{ html: string; encoding: string; link: string | undefined }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { 'accept-encoding': acceptEncoding, accept: 'text/html' } }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const encoding = String(response.headers['content-encoding'] ?? 'identity');
					const body = Buffer.concat(chunks);
					const decoded = encoding === 'gzip' ? zlib.gunzipSync(body) : encoding === 'br' ? zlib.brotliDecompressSync(body) : body;
					const link = response.headers.link;
					resolve({ html: decoded.toString('utf8'), encoding, link: Array.isArray(link) ? link.join(', ') : link });
				});
				response.on('error', reject);
			})
			.on('error', reject);
	});
}

/** The page without JavaScript: every script element and script preload removed, the rest as it was. */
export function staticCopyOf(html: string): string {
	return html
		.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
		.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/gi, '')
		.replace(/<link\b[^>]*\bas="script"[^>]*>/gi, '');
}

/** What a Link header preloads besides scripts (the static copy keeps its style preloads). */
function linkWithoutScripts(link: string | undefined): string | undefined {
	const kept = (link ?? '')
		.split(/,\s*(?=<)/)
		.filter((part) => part && !/modulepreload|as="?script/.test(part))
		.join(', ');
	return kept || undefined;
}

/**
 * Median of `runs` first visits of the page and of its static copy, taken in turn, after one
 * warm-up visit of each (the server's first render of the page).
 */
export async function measureSharePage(browser: Browser, server: RunningServer, token: string, runs = 5, acceptEncoding = 'gzip'): Promise<SharePageFigures> {
	const pathname = `/s/${token}`;
	const url = `${server.url}${pathname}`;
	await oneVisit(browser, url, acceptEncoding);
	// The copy is taken after the warm-up visit, so that it reads as the page reads on a later visit.
	const served = await fetchHTML(url, acceptEncoding);
	const copy = await startStaticServer([path.resolve('build/client')]);
	try {
		const link = linkWithoutScripts(served.link);
		copy.set(pathname, {
			body: staticCopyOf(served.html),
			type: 'text/html; charset=utf-8',
			gzip: served.encoding === 'gzip',
			...(link ? { headers: { link } } : {})
		});
		const copyUrl = `${copy.url}${pathname}`;
		await staticVisit(browser, copyUrl, acceptEncoding);
		const measured: SharePageRun[] = [];
		const baseline: PageVisit[] = [];
		for (let run = 0; run < runs; run++) {
			baseline.push(await staticVisit(browser, copyUrl, acceptEncoding));
			measured.push(await oneVisit(browser, url, acceptEncoding));
		}
		return {
			runs: measured,
			baseline,
			responseStart: median(measured.map((run) => run.responseStart)),
			firstPaint: median(measured.map((run) => run.firstPaint)),
			firstContentfulPaint: median(measured.map((run) => run.firstContentfulPaint)),
			interactive: median(measured.map((run) => run.interactive)),
			live: median(measured.map((run) => run.live)),
			beforeLiveBytes: median(measured.map((run) => run.beforeLiveBytes)),
			eagerBytes: median(measured.map((run) => run.eagerBytes)),
			lazyBytes: median(measured.map((run) => run.lazyBytes)),
			beforeInteractiveBytes: median(measured.map((run) => run.beforeInteractiveBytes)),
			baselineFirstContentfulPaint: median(baseline.map((visit) => visit.firstContentfulPaint)),
			baselineResponseStart: median(baseline.map((visit) => visit.responseStart))
		};
	} finally {
		await copy.close();
	}
}
