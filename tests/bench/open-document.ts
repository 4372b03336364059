// (b) and (c): how long a long document takes to appear in the editor, from navigation start to
// its last paragraph in the editor, opened from IndexedDB with the network off, and opened for the
// first time online with nothing on the device.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { RunningServer } from '../integration/helpers/server.ts';
import type { SignedIn } from '../integration/helpers/accounts.ts';
import { Network } from '../e2e/network.ts';
import { noteLine } from './documents.ts';
import { median } from './measure.ts';

declare global {
	interface Window {
		/** Set by the init script: when the last paragraph was first in the editor, in ms since navigation start. */
		lastParagraphShownAt?: number;
	}
}

export interface OpenDocumentFigures {
	runs: number[];
	median: number;
}

/**
 * Watches the page from before its first script for the editor holding `count` paragraphs, the
 * last with `lastText`, and notes the frame that shows it (performance.now() counts from the
 * navigation start).
 */
function watchForLastParagraph({ count, lastText }: { count: number; lastText: string }): void {
	const observer = new MutationObserver(() => {
		const editor = document.querySelector('[role="textbox"].document-body');
		if (!editor || editor.childElementCount < count) return;
		if (editor.children[count - 1]?.textContent !== lastText) return;
		observer.disconnect();
		requestAnimationFrame((frameTime) => (window.lastParagraphShownAt = frameTime));
	});
	observer.observe(document, { childList: true, subtree: true, characterData: true });
}

async function signedInContext(browser: Browser, server: RunningServer, who: SignedIn, paragraphs: number): Promise<BrowserContext> {
	const context = await browser.newContext();
	await context.addCookies([{ name: 'bw_session', value: who.token, url: server.url }]);
	await context.addInitScript(watchForLastParagraph, { count: paragraphs, lastText: noteLine(paragraphs - 1) });
	return context;
}

async function timeOpen(context: BrowserContext, url: string): Promise<{ page: Page; ms: number }> {
	const page = await context.newPage();
	await page.goto(url);
	await page.waitForFunction(() => window.lastParagraphShownAt !== undefined, undefined, { timeout: 120_000, polling: 50 });
	const ms = await page.evaluate(() => window.lastParagraphShownAt!);
	return { page, ms };
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
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const context = await signedInContext(browser, server, who, paragraphs);
		try {
			times.push((await timeOpen(context, url)).ms);
		} finally {
			await context.close();
		}
	}
	return { runs: times, median: median(times) };
}

/**
 * (b) Open from IndexedDB with the network off: one context opens the document online (IndexedDB
 * fills, the service worker installs and keeps the page), then goes offline for real and opens it
 * again in a new tab each run. The first offline open is a warm-up.
 */
export async function measureOfflineOpen(
	browser: Browser,
	server: RunningServer,
	who: SignedIn,
	url: string,
	paragraphs: number,
	runs = 5
): Promise<OpenDocumentFigures> {
	const context = await signedInContext(browser, server, who, paragraphs);
	try {
		const network = await Network.of(context);
		const first = await timeOpen(context, url);
		await first.page.getByRole('status').getByText('All changes saved').waitFor({ timeout: 60_000 });
		await first.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		// Loaded again under the service worker, which keeps the page (network first) for offline use.
		const second = await timeOpen(context, url);
		await second.page.getByRole('status').getByText('All changes saved').waitFor({ timeout: 60_000 });
		// y-indexeddb writes in its own transactions after the update: give them a moment to commit.
		await second.page.waitForTimeout(1_000);
		await first.page.close();
		await second.page.close();

		await network.offline();
		const times: number[] = [];
		for (let run = 0; run <= runs; run++) {
			const { page, ms } = await timeOpen(context, url);
			// The document came from this device: the page says it is offline.
			await page
				.getByRole('status')
				.getByText(/^Offline/)
				.waitFor({ timeout: 10_000 });
			await page.close();
			if (run > 0) times.push(ms);
		}
		return { runs: times, median: median(times) };
	} finally {
		await context.close();
	}
}
