// `npm run bench:browser`: measurements in real Chromium against the built app (`npm run build`
// first). Starts its own server on a free port with a temporary data folder, sets the data up
// through the app's own forms and a Node sync client, and prints medians of fresh runs.
import fs from 'node:fs';
import * as Y from 'yjs';
import { addClient, createBlankDocument, sharedReport, signUpTrainer } from '../integration/helpers/accounts.ts';
import { allSaved, connectPeer, documentName, within } from '../integration/helpers/collab.ts';
import { startServer, type RunningServer } from '../integration/helpers/server.ts';
import { launchChromium } from './chromium.ts';
import { appendNotes } from './documents.ts';
import { formatBytes, table } from './measure.ts';
import { measureFirstOpenOnline, measureOfflineOpen } from './open-document.ts';
import { measureSharePage } from './share-page.ts';

const PARAGRAPHS = 2_000;
const RUNS = 5;

/** Writes `count` paragraphs into the document as a collaborator would, and waits until stored. */
async function writeParagraphs(server: RunningServer, token: string, documentId: string, count: number): Promise<void> {
	const peer = connectPeer(server, documentName(documentId), token, new Y.Doc());
	try {
		await within(peer.synced, 10_000, 'the first sync');
		appendNotes(peer.doc, count);
		await allSaved(peer, 60_000);
	} finally {
		peer.destroy();
	}
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const list = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');

const server = await startServer();
const browser = await launchChromium();
try {
	const started = performance.now();
	const report = await sharedReport(server);
	await writeParagraphs(server, report.trainer.token, report.documentId, 30);
	const share = await measureSharePage(browser, server, report.token, RUNS, 'gzip');
	const shareBrotli = await measureSharePage(browser, server, report.token, 1, 'gzip, deflate, br, zstd');

	const trainer = await signUpTrainer(server);
	const documentId = await createBlankDocument(server, trainer, await addClient(server, trainer), 'Long progress log');
	await writeParagraphs(server, trainer.token, documentId, PARAGRAPHS);
	const url = `${server.url}/documents/${documentId}`;
	const offline = await measureOfflineOpen(browser, server, trainer, url, PARAGRAPHS, RUNS);
	const online = await measureFirstOpenOnline(browser, server, trainer, url, PARAGRAPHS, RUNS);

	const sample = share.runs[0]!;
	console.log(
		table([
			{
				measurement: 'share page /s/<token>: JS requested before first paint',
				median: `${formatBytes(share.eagerBytes)} in ${sample.eagerFiles.length} files`,
				runs: share.runs.map((run) => formatBytes(run.eagerBytes)).join(', ')
			},
			{
				measurement: 'share page: JS requested after first paint (lazy)',
				median: `${formatBytes(share.lazyBytes)} in ${sample.lazyFiles.length} files`,
				runs: share.runs.map((run) => formatBytes(run.lazyBytes)).join(', ')
			},
			{
				measurement: 'share page: HTML response start (server render)',
				median: ms(share.responseStart),
				runs: list(share.runs.map((run) => run.responseStart))
			},
			{
				measurement: 'share page: first paint / first contentful paint',
				median: `${ms(share.firstPaint)} / ${ms(share.firstContentfulPaint)}`,
				runs: `FP ${list(share.runs.map((run) => run.firstPaint))}; FCP ${list(share.runs.map((run) => run.firstContentfulPaint))}`
			},
			{
				measurement: 'share page: service worker precache on the visit',
				median: `${sample.serviceWorkerRequests} requests, ${formatBytes(sample.serviceWorkerBytes)}`,
				runs: share.runs.map((run) => formatBytes(run.serviceWorkerBytes)).join(', ')
			},
			{
				measurement: `open ${PARAGRAPHS.toLocaleString('en-US')} paragraphs offline from IndexedDB`,
				median: ms(offline.median),
				runs: list(offline.runs)
			},
			{
				measurement: `first open of the same document online, empty IndexedDB`,
				median: ms(online.median),
				runs: list(online.runs)
			}
		])
	);
	const brotli = shareBrotli.runs[0]!;
	console.log(
		`\nShare page scripts came with Content-Encoding ${share.runs
			.flatMap((run) => run.encodings)
			.filter((v, i, all) => all.indexOf(v) === i)
			.join(', ')} (Accept-Encoding: gzip);` +
			` with Chromium's own Accept-Encoding: ${brotli.encodings.join(', ')}, ${formatBytes(brotli.eagerBytes)} before and ${formatBytes(brotli.lazyBytes)} after the first paint.`
	);
	console.log(`Lazy scripts: ${sample.lazyFiles.join(', ')}.`);
	console.log(`Medians of ${RUNS} runs after a warm-up; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`);
} finally {
	await browser.close();
	await server.stop();
	fs.rmSync(server.dataDir, { recursive: true, force: true });
}
