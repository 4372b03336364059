// (b) and (c): how long a long document takes to appear, from navigation start: its first screen
// readable (the first paragraph painted in the document's body, whatever shows it) and editable
// (its last paragraph painted in the editor), opened from IndexedDB with the network off, and
// opened for the first time online with nothing on the device. The baselines, run in the same
// browser: a bare Tiptap page with our schema opening the same state, the raw Y.applyUpdate
// of that state on that page, and (offline) the page the service worker serves, as parsed, as a
// static file without its scripts.
//
// Each time is taken after the frame that shows the change is painted: requestAnimationFrame,
// then a message posted from its callback, which the browser runs after that frame's paint. (The
// timestamp a rAF callback is handed is the frame's start, before its style, layout and paint, and
// on a busy main thread well before the pixels.)
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { build } from 'vite';
import type { RunningServer } from '../integration/helpers/server.ts';
import type { SignedIn } from '../integration/helpers/accounts.ts';
import { Network } from '../e2e/network.ts';
import { noteLine } from './documents.ts';
import { median } from './measure.ts';
import { staticCopyOf } from './share-page.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

declare global {
	interface Window {
		/** Set by the init script: when the first paragraph was painted in the document's body, in ms since navigation start. */
		firstScreenAt?: number;
		/** Set by the init script: when the last paragraph was painted in the editor, in ms since navigation start. */
		lastParagraphShownAt?: number;
		applyUpdateMs?: number;
		/** Set by keepParsedPage: the page as parsed, before any deferred script ran. */
		parsedPage?: string;
	}
}

export interface OpenRun {
	firstScreen: number;
	editable: number;
	/** Median time of a keystroke once the page is editable (measureKeystrokes); offline opens only. */
	keystroke?: number;
	phases: Phases;
}

/**
 * Where an open's time went, from the browser's own timing entries, in ms since navigation start:
 * the page's answer (from the service worker offline), the last stylesheet in, the first
 * contentful paint, the parser done (DOMContentLoaded) and the last script in.
 */
export interface Phases {
	responseEnd: number;
	stylesheets: number;
	firstContentfulPaint: number;
	domContentLoaded: number;
	scripts: number;
}

const PHASE_NAMES: Record<keyof Phases, string> = {
	responseEnd: 'page answered',
	stylesheets: 'last stylesheet',
	firstContentfulPaint: 'first contentful paint',
	domContentLoaded: 'DOMContentLoaded',
	scripts: 'last script'
};

/** The medians of each phase, as one line for the benchmark's output. */
export function phaseLine(runs: OpenRun[]): string {
	return (Object.keys(PHASE_NAMES) as Array<keyof Phases>)
		.map((key) => `${PHASE_NAMES[key]} ${median(runs.map((run) => run.phases[key])).toFixed(0)}`)
		.join(', ');
}

export interface OpenDocumentFigures {
	runs: OpenRun[];
	firstScreen: number;
	editable: number;
}

/** A visit to a static copy of the page the service worker serves offline: when its first screen is painted. */
export interface StaticCopyRun {
	firstScreen: number;
	firstContentfulPaint: number;
}

export interface BareRun {
	/** The raw Y.applyUpdate of the state, in the page. */
	applyUpdate: number;
	/** Median time of a keystroke once the page is editable (measureKeystrokes). */
	keystroke: number;
	/** Navigation start to the last paragraph painted in the bare editor. */
	editable: number;
}

export interface BareFigures {
	runs: BareRun[];
	applyUpdate: number;
	keystroke: number;
	editable: number;
}

function figures(runs: OpenRun[]): OpenDocumentFigures {
	return { runs, firstScreen: median(runs.map((run) => run.firstScreen)), editable: median(runs.map((run) => run.editable)) };
}

export function bareFigures(runs: BareRun[]): BareFigures {
	return {
		runs,
		applyUpdate: median(runs.map((run) => run.applyUpdate)),
		editable: median(runs.map((run) => run.editable)),
		keystroke: median(runs.map((run) => run.keystroke))
	};
}

/**
 * Types into the middle paragraph of the editor `count` times, a character then its deletion in
 * turn (so the text is the same afterwards), each as the browser's own text input, and returns the
 * median time the main thread spends on it before anything else can run (the input, the editor's
 * transaction, every plugin and listener on a change): what a keystroke costs at this length.
 */
export async function measureKeystrokes(page: Page, count = 20): Promise<number> {
	const times = await page.evaluate(async (count) => {
		const afterPaint = () =>
			new Promise<number>((resolve) =>
				requestAnimationFrame(() => {
					const channel = new MessageChannel();
					channel.port1.onmessage = () => resolve(performance.now());
					channel.port2.postMessage(null);
				})
			);
		const editor = document.querySelector<HTMLElement>('[role="textbox"].document-body');
		if (!editor) throw new Error('no editor');
		const paragraph = editor.children[Math.floor(editor.children.length / 2)]!;
		editor.focus();
		const times: number[] = [];
		for (let i = 0; i < count; i++) {
			const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
			let last: Node | null = null;
			while (walker.nextNode()) last = walker.currentNode;
			if (!last) throw new Error('no text in the paragraph');
			getSelection()?.collapse(last, last.textContent?.length ?? 0);
			// ProseMirror reads the selection on selectionchange: let it, and let the page settle.
			await afterPaint();
			await afterPaint();
			const started = performance.now();
			if (i % 2 === 0) document.execCommand('insertText', false, 'x');
			else document.execCommand('delete');
			// ProseMirror reads the change in a mutation observer's callback: a microtask queued before this one.
			await Promise.resolve();
			times.push(performance.now() - started);
		}
		return times;
	}, count);
	return median(times);
}

/**
 * Watches the page from before its first script for the document's first paragraph in its body
 * (`.document-body`: the editor, or anything shown in its place) and for the editor holding
 * `count` paragraphs, the last with `lastText`; notes each after the paint that shows it.
 */
function watchForParagraphs({ count, firstText, lastText }: { count: number; firstText: string; lastText: string }): void {
	const afterPaint = (note: (at: number) => void) =>
		requestAnimationFrame(() => {
			const channel = new MessageChannel();
			channel.port1.onmessage = () => note(performance.now());
			channel.port2.postMessage(null);
		});
	let firstSeen = false;
	const observer = new MutationObserver(() => {
		if (!firstSeen) {
			const shown = [...document.querySelectorAll('.document-body')].some((body) => body.firstElementChild?.textContent === firstText);
			if (shown) {
				firstSeen = true;
				afterPaint((at) => (window.firstScreenAt = at));
			}
		}
		const editor = document.querySelector('[role="textbox"].document-body');
		// Shown, not only there: the page may keep the editor hidden behind a first screen while it loads.
		if (!editor || editor.childElementCount < count || !editor.checkVisibility()) return;
		if (editor.children[count - 1]?.textContent !== lastText) return;
		observer.disconnect();
		afterPaint((at) => (window.lastParagraphShownAt = at));
	});
	observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
}

async function watchedContext(browser: Browser, paragraphs: number): Promise<BrowserContext> {
	const context = await browser.newContext();
	await context.addInitScript(watchForParagraphs, { count: paragraphs, firstText: noteLine(0), lastText: noteLine(paragraphs - 1) });
	return context;
}

async function signedInContext(browser: Browser, server: RunningServer, who: SignedIn, paragraphs: number): Promise<BrowserContext> {
	const context = await watchedContext(browser, paragraphs);
	await context.addCookies([{ name: 'bw_session', value: who.token, url: server.url }]);
	return context;
}

async function timeOpen(context: BrowserContext, url: string, trace?: string): Promise<{ page: Page; run: OpenRun }> {
	const page = await context.newPage();
	if (trace)
		await context.browser()?.startTracing(page, {
			path: trace,
			categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'v8.execute', 'blink.user_timing']
		});
	await page.goto(url);
	const options = { timeout: 120_000, polling: 50 };
	await page.waitForFunction(() => window.lastParagraphShownAt !== undefined && window.firstScreenAt !== undefined, undefined, options);
	if (trace) await context.browser()?.stopTracing();
	const run = await page.evaluate(() => {
		const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
		const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
		const lastOf = (pattern: RegExp) => Math.max(0, ...resources.filter((entry) => pattern.test(entry.name)).map((entry) => entry.responseEnd));
		const paint = performance.getEntriesByName('first-contentful-paint')[0];
		return {
			firstScreen: window.firstScreenAt!,
			editable: window.lastParagraphShownAt!,
			phases: {
				responseEnd: navigation?.responseEnd ?? 0,
				stylesheets: lastOf(/\.css$/),
				firstContentfulPaint: paint?.startTime ?? 0,
				domContentLoaded: navigation?.domContentLoadedEventEnd ?? 0,
				scripts: lastOf(/\.js$/)
			}
		};
	});
	return { page, run };
}

/** (c) First open online: a fresh context each run, so IndexedDB, caches and service worker are empty. */
export async function measureFirstOpenOnline(
	browser: Browser,
	server: RunningServer,
	who: SignedIn,
	url: string,
	paragraphs: number,
	runs = 5
): Promise<OpenDocumentFigures> {
	const times: OpenRun[] = [];
	for (let run = 0; run < runs; run++) {
		const context = await signedInContext(browser, server, who, paragraphs);
		try {
			times.push((await timeOpen(context, url)).run);
		} finally {
			await context.close();
		}
	}
	return figures(times);
}

/**
 * (b) Open from IndexedDB with the network off: one context opens the document online (IndexedDB
 * fills, the service worker installs and keeps the page), then goes offline for real and opens it
 * again in a new tab each run. The first offline open is a warm-up. Before each run, `baseline`
 * (when given) runs once, so that the two see the same load.
 */
export async function measureOfflineOpen(
	browser: Browser,
	server: RunningServer,
	who: SignedIn,
	url: string,
	paragraphs: number,
	runs = 5,
	baseline?: () => Promise<void>
): Promise<OpenDocumentFigures & { syncBytes: number; staticCopy: StaticCopyRun[] }> {
	const context = await signedInContext(browser, server, who, paragraphs);
	try {
		const network = await Network.of(context);
		const first = await timeOpen(context, url);
		await first.page.getByRole('status').getByText('All changes saved').waitFor({ timeout: 60_000 });
		await first.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		// Loaded again under the service worker, which keeps the page (network first) for offline use.
		// It opens from the device's copy, online: what the server sends then is what syncing it cost.
		const before = network.receivedBytes;
		const second = await timeOpen(context, url);
		await second.page.getByRole('status').getByText('All changes saved').waitFor({ timeout: 60_000 });
		const syncBytes = network.receivedBytes - before;
		// y-indexeddb writes in its own transactions after the update: give them a moment to commit.
		await second.page.waitForTimeout(1_000);
		await first.page.close();
		await second.page.close();

		await network.offline();
		// The floor under the first screen: the page the service worker serves offline, as parsed,
		// served as a static file without its scripts, so that nothing but the browser's parse,
		// layout and paint stands between its navigation and its text.
		const copy = await startStaticServer([path.resolve('build/client')]);
		const copyPath = new URL(url).pathname;
		copy.set(copyPath, { body: staticCopyOf(await parsedPageOf(context, url)), type: 'text/html; charset=utf-8' });
		const copyUrl = `${copy.url}${copyPath}`;
		const staticCopy: StaticCopyRun[] = [];
		const times: OpenRun[] = [];
		try {
			await openStaticCopy(browser, copyUrl, paragraphs);
			for (let run = 0; run <= runs; run++) {
				if (run > 0) {
					await baseline?.();
					staticCopy.push(await openStaticCopy(browser, copyUrl, paragraphs));
				}
				// BENCH_TRACE=<file>: a Chromium performance trace of the last offline open, to see where its time goes.
				const opened = await timeOpen(context, url, run === runs ? process.env.BENCH_TRACE : undefined);
				// The document came from this device: the page says it is offline.
				await opened.page
					.getByRole('status')
					.getByText(/^Offline/)
					.waitFor({ timeout: 10_000 });
				const keystroke = await measureKeystrokes(opened.page);
				await opened.page.close();
				if (run > 0) times.push({ ...opened.run, keystroke });
			}
		} finally {
			await copy.close();
		}
		return { ...figures(times), syncBytes, staticCopy };
	} finally {
		await context.close();
	}
}

/** Runs in the page before its first script: keeps the page as the parser left it, before its deferred scripts and hydration change it. */
function keepParsedPage(): void {
	document.addEventListener('readystatechange', () => {
		if (document.readyState === 'interactive') window.parsedPage ??= `<!doctype html>${document.documentElement.outerHTML}`;
	});
}

/** The page at `url` as this context's browser parses it (offline: as the service worker serves it, first screen included). */
async function parsedPageOf(context: BrowserContext, url: string): Promise<string> {
	const page = await context.newPage();
	try {
		await page.addInitScript(keepParsedPage);
		await page.goto(url);
		const parsed = await page.waitForFunction(() => window.parsedPage, undefined, { timeout: 60_000, polling: 50 });
		return String(await parsed.jsonValue());
	} finally {
		await page.close();
	}
}

/** One visit to the static copy in a fresh context: its first screen painted, and its first contentful paint. */
async function openStaticCopy(browser: Browser, url: string, paragraphs: number): Promise<StaticCopyRun> {
	const context = await watchedContext(browser, paragraphs);
	try {
		const page = await context.newPage();
		await page.goto(url);
		await page.waitForFunction(() => window.firstScreenAt !== undefined, undefined, { timeout: 60_000, polling: 50 });
		// The paint entry is reported after the frame is presented, which can be after the note above.
		return await page.evaluate(
			() =>
				new Promise<StaticCopyRun>((resolve) => {
					new PerformanceObserver((list, observer) => {
						const paint = list.getEntriesByName('first-contentful-paint')[0];
						if (!paint) return;
						observer.disconnect();
						resolve({ firstScreen: window.firstScreenAt!, firstContentfulPaint: paint.startTime });
					}).observe({ type: 'paint', buffered: true });
				})
		);
	} finally {
		await context.close();
	}
}

/** Bundles the bare Tiptap page (tests/bench/bare-editor) into `outDir`, as a production build. */
export async function buildBareEditor(outDir: string): Promise<void> {
	await build({
		configFile: false,
		logLevel: 'warn',
		root: path.resolve('tests/bench/bare-editor'),
		base: './',
		build: { outDir, emptyOutDir: true }
	});
}

/** One open of the bare Tiptap page, in a fresh context, served by `bare` with the state beside it. */
export async function openBareEditor(browser: Browser, bare: StaticServer, paragraphs: number): Promise<BareRun> {
	const context = await watchedContext(browser, paragraphs);
	try {
		const page = await context.newPage();
		await page.goto(`${bare.url}/index.html`);
		await page.waitForFunction(() => window.lastParagraphShownAt !== undefined && window.applyUpdateMs !== undefined, undefined, {
			timeout: 120_000,
			polling: 50
		});
		const run = await page.evaluate(() => ({ applyUpdate: window.applyUpdateMs!, editable: window.lastParagraphShownAt! }));
		return { ...run, keystroke: await measureKeystrokes(page) };
	} finally {
		await context.close();
	}
}
