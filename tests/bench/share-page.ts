// (a) The provider's share page on a first visit: the JavaScript it downloads, split at the first
// paint, and when it paints. Each run is a fresh browser context: no HTTP cache, no service worker.
import type { Browser, Page } from '@playwright/test';
import type { RunningServer } from '../integration/helpers/server.ts';
import { median } from './measure.ts';

interface ScriptEntry {
	url: string;
	startTime: number;
	encodedBodySize: number;
}

export interface SharePageRun {
	/** When the page's HTML started to arrive (the server's render included), from navigation start. */
	responseStart: number;
	firstPaint: number;
	firstContentfulPaint: number;
	/** Encoded (as sent) bytes of scripts requested before the first paint, and after it. */
	eagerBytes: number;
	lazyBytes: number;
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
	responseStart: number;
	firstPaint: number;
	firstContentfulPaint: number;
	eagerBytes: number;
	lazyBytes: number;
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

function scriptEntries(page: Page): Promise<ScriptEntry[]> {
	return page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.filter((entry): entry is PerformanceResourceTiming => entry instanceof PerformanceResourceTiming)
			.filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
			.map((entry) => ({ url: entry.name, startTime: entry.startTime, encodedBodySize: entry.encodedBodySize }))
	);
}

async function oneVisit(browser: Browser, url: string, acceptEncoding: string): Promise<SharePageRun> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'accept-encoding': acceptEncoding } });
	try {
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
		// A service worker the page registers installs after the load event: let its precache finish.
		await page.evaluate(async () => {
			if (await navigator.serviceWorker?.getRegistration()) await navigator.serviceWorker.ready;
		});
		const paints = await paintTimes(page);
		const responseStart = await page.evaluate(() => {
			const [navigation] = performance.getEntriesByType('navigation');
			return navigation instanceof PerformanceNavigationTiming ? navigation.responseStart : Number.NaN;
		});
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
			eagerBytes: sum(eager),
			lazyBytes: sum(lazy),
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

/** Median of `runs` first visits, after one warm-up visit (the server's first render of the page). */
export async function measureSharePage(browser: Browser, server: RunningServer, token: string, runs = 5, acceptEncoding = 'gzip'): Promise<SharePageFigures> {
	const url = `${server.url}/s/${token}`;
	await oneVisit(browser, url, acceptEncoding);
	const measured: SharePageRun[] = [];
	for (let run = 0; run < runs; run++) measured.push(await oneVisit(browser, url, acceptEncoding));
	return {
		runs: measured,
		responseStart: median(measured.map((run) => run.responseStart)),
		firstPaint: median(measured.map((run) => run.firstPaint)),
		firstContentfulPaint: median(measured.map((run) => run.firstContentfulPaint)),
		eagerBytes: median(measured.map((run) => run.eagerBytes)),
		lazyBytes: median(measured.map((run) => run.lazyBytes))
	};
}
