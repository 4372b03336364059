// `npm run bench:browser`: measurements in real Chromium against the built app (`npm run build`
// first). Starts its own server on a free port with a temporary data folder, sets the data up
// through the app's own forms and a Node sync client, and prints medians of fresh runs, each
// beside a baseline measured in the same browser run, in turn with it, and their ratio:
// - the share page against a static copy of its own HTML and CSS (no JavaScript), served as plain files;
// - opening a long document offline against the raw Y.applyUpdate of the same state (first screen
//   readable) and against a bare Tiptap page with our schema opening that state (editable); its
//   first screen also against its own page, as the service worker serves it offline, as static HTML.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { addClient, createBlankDocument, sharedReport, signUpTrainer } from '../integration/helpers/accounts.ts';
import { allSaved, connectPeer, documentName, within } from '../integration/helpers/collab.ts';
import { startServer, type RunningServer } from '../integration/helpers/server.ts';
import { launchChromium } from './chromium.ts';
import { appendNotes } from './documents.ts';
import { formatBytes, median, table, type Row } from './measure.ts';
import { bareFigures, buildBareEditor, measureFirstOpenOnline, measureOfflineOpen, openBareEditor, phaseLine, type BareRun } from './open-document.ts';
import { measureSharePage, type SharePageFigures } from './share-page.ts';
import { startStaticServer } from './static-server.ts';

const PARAGRAPHS = 2_000;
/** `BENCH_RUNS=15`: more visits for steadier medians on a loaded machine. */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** `BENCH_ONLY=share npm run bench:browser`: the share page alone (a before/after comparison in a few minutes). */
const SHARE_ONLY = process.env.BENCH_ONLY === 'share';

/** Writes `count` paragraphs into the document as a collaborator would, waits until stored, and returns the document's state. */
async function writeParagraphs(server: RunningServer, token: string, documentId: string, count: number): Promise<Uint8Array> {
	const peer = connectPeer(server, documentName(documentId), token, new Y.Doc());
	try {
		await within(peer.synced, 10_000, 'the first sync');
		appendNotes(peer.doc, count);
		await allSaved(peer, 60_000);
		return Y.encodeStateAsUpdate(peer.doc);
	} finally {
		peer.destroy();
	}
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const list = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
const ratio = (measured: number, baseline: number) => `${(measured / baseline).toFixed(2)}×`;
const load = () =>
	os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(', ');

/** The share page's rows: what its visits cost, each beside what it is compared to. */
function shareRows(share: SharePageFigures): Row[] {
	const sample = share.runs[0]!;
	const by = sample.interactiveBy === 'hydrated' ? 'hydrated' : 'DOMContentLoaded: native forms and links work';
	return [
		{
			measurement: 'share page /s/<token>: JS requested before first paint',
			median: `${formatBytes(share.eagerBytes)} in ${sample.eagerFiles.length} files`,
			baseline: '0 B (static copy)',
			ratio: '',
			runs: share.runs.map((run) => formatBytes(run.eagerBytes)).join(', ')
		},
		{
			measurement: `share page: JS requested before interactive (${by})`,
			median: formatBytes(share.beforeInteractiveBytes),
			baseline: 'goal ≤ 40 KB',
			ratio: '',
			runs: share.runs.map((run) => formatBytes(run.beforeInteractiveBytes)).join(', ')
		},
		{
			measurement: 'share page: JS requested before the live view is in step (data-live-state; hydrated before)',
			median: formatBytes(share.beforeLiveBytes),
			baseline: '',
			ratio: '',
			runs: share.runs.map((run) => formatBytes(run.beforeLiveBytes)).join(', ')
		},
		{
			measurement: 'share page: JS requested after first paint (lazy)',
			median: `${formatBytes(share.lazyBytes)} in ${sample.lazyFiles.length} files`,
			baseline: '',
			ratio: '',
			runs: share.runs.map((run) => formatBytes(run.lazyBytes)).join(', ')
		},
		{
			measurement: 'share page: HTML response start (server render)',
			median: ms(share.responseStart),
			baseline: `${ms(share.baselineResponseStart)} (static copy)`,
			ratio: ratio(share.responseStart, share.baselineResponseStart),
			runs: `${list(share.runs.map((run) => run.responseStart))}; copy ${list(share.baseline.map((run) => run.responseStart))}`
		},
		{
			measurement: 'share page: first contentful paint',
			median: ms(share.firstContentfulPaint),
			baseline: `${ms(share.baselineFirstContentfulPaint)} (static copy)`,
			ratio: ratio(share.firstContentfulPaint, share.baselineFirstContentfulPaint),
			runs: `${list(share.runs.map((run) => run.firstContentfulPaint))}; copy ${list(share.baseline.map((run) => run.firstContentfulPaint))}`
		},
		{
			// Each visit beside the static copy's visit just before it: steadier than a ratio of medians when the load changes.
			measurement: 'share page: first contentful paint, median of paired ratios',
			median: `${median(share.runs.map((run, i) => run.firstContentfulPaint / share.baseline[i]!.firstContentfulPaint)).toFixed(2)}×`,
			baseline: 'goal ≤ 1.2×',
			ratio: '',
			runs: share.runs.map((run, i) => (run.firstContentfulPaint / share.baseline[i]!.firstContentfulPaint).toFixed(2)).join(', ')
		},
		{
			// What the page itself costs once its HTML is there, the server's render left out.
			measurement: 'share page: first contentful paint after the HTML response start',
			median: ms(median(share.runs.map((run) => run.firstContentfulPaint - run.responseStart))),
			baseline: `${ms(median(share.baseline.map((visit) => visit.firstContentfulPaint - visit.responseStart)))} (static copy)`,
			ratio: ratio(
				median(share.runs.map((run) => run.firstContentfulPaint - run.responseStart)),
				median(share.baseline.map((visit) => visit.firstContentfulPaint - visit.responseStart))
			),
			runs: `${list(share.runs.map((run) => run.firstContentfulPaint - run.responseStart))}; copy ${list(share.baseline.map((visit) => visit.firstContentfulPaint - visit.responseStart))}`
		},
		{
			measurement: 'share page: first paint',
			median: ms(share.firstPaint),
			baseline: '',
			ratio: '',
			runs: list(share.runs.map((run) => run.firstPaint))
		},
		{
			measurement: `share page: interactive (${by})`,
			median: ms(share.interactive),
			baseline: '',
			ratio: '',
			runs: list(share.runs.map((run) => run.interactive))
		},
		{
			measurement: 'share page: live view in step (data-live-state="live"; hydrated before)',
			median: ms(share.live),
			baseline: '',
			ratio: '',
			runs: list(share.runs.map((run) => run.live))
		},
		{
			measurement: 'share page: service worker precache on the visit',
			median: `${sample.serviceWorkerRequests} requests, ${formatBytes(sample.serviceWorkerBytes)}`,
			baseline: '',
			ratio: '',
			runs: share.runs.map((run) => formatBytes(run.serviceWorkerBytes)).join(', ')
		}
	];
}

const loads: string[] = [`at the start: ${load()}`];
const server = await startServer();
const browser = await launchChromium();
const bareDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-bare-editor-'));
try {
	const started = performance.now();
	const report = await sharedReport(server);
	await writeParagraphs(server, report.trainer.token, report.documentId, 30);
	const share = await measureSharePage(browser, server, report.token, RUNS, 'gzip');
	const shareBrotli = await measureSharePage(browser, server, report.token, 1, 'gzip, deflate, br, zstd');
	loads.push(`after the share page: ${load()}`);
	console.log(table(shareRows(share)));
	const brotli = shareBrotli.runs[0]!;
	console.log(
		`\nShare page scripts came with Content-Encoding ${share.runs
			.flatMap((run) => run.encodings)
			.filter((v, i, all) => all.indexOf(v) === i)
			.join(', ')} (Accept-Encoding: gzip);` +
			` with Chromium's own Accept-Encoding: ${brotli.encodings.join(', ')}, ${formatBytes(brotli.eagerBytes)} before the first paint, ${formatBytes(brotli.beforeInteractiveBytes)} before interactive and ${formatBytes(brotli.lazyBytes)} after the first paint.`
	);
	const sample = share.runs[0]!;
	console.log(`Scripts before the first paint: ${sample.eagerFiles.join(', ') || 'none'}.`);
	console.log(`Lazy scripts: ${sample.lazyFiles.join(', ')}.`);
	if (SHARE_ONLY) {
		console.log(`Load average (1, 5, 15 min) ${loads.join('; ')}; ${os.availableParallelism()} cores.`);
		console.log(
			`Medians of ${RUNS} runs after a warm-up, the static copy's visit in turn with each; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`
		);
	}

	if (!SHARE_ONLY) {
		const trainer = await signUpTrainer(server);
		const documentId = await createBlankDocument(server, trainer, await addClient(server, trainer), 'Long progress log');
		const state = await writeParagraphs(server, trainer.token, documentId, PARAGRAPHS);
		await buildBareEditor(bareDir);
		const bare = await startStaticServer([bareDir]);
		const bareRuns: BareRun[] = [];
		try {
			bare.set('/state.bin', { body: state, type: 'application/octet-stream' });
			await openBareEditor(browser, bare, PARAGRAPHS);
			const url = `${server.url}/documents/${documentId}`;
			const offline = await measureOfflineOpen(browser, server, trainer, url, PARAGRAPHS, RUNS, async () => {
				bareRuns.push(await openBareEditor(browser, bare, PARAGRAPHS));
			});
			loads.push(`after the offline open: ${load()}`);
			const online = await measureFirstOpenOnline(browser, server, trainer, url, PARAGRAPHS, RUNS);
			loads.push(`at the end: ${load()}`);
			const baseline = bareFigures(bareRuns);
			const keystroke = median(offline.runs.map((run) => run.keystroke ?? 0));
			const staticFirstScreen = median(offline.staticCopy.map((run) => run.firstScreen));

			const paragraphs = PARAGRAPHS.toLocaleString('en-US');
			console.log(
				table([
					{
						measurement: `open ${paragraphs} paragraphs offline: first screen readable`,
						median: ms(offline.firstScreen),
						baseline: `${ms(baseline.applyUpdate)} (raw Y.applyUpdate)`,
						ratio: ratio(offline.firstScreen, baseline.applyUpdate),
						runs: `${list(offline.runs.map((run) => run.firstScreen))}; applyUpdate ${list(baseline.runs.map((run) => run.applyUpdate))}`
					},
					{
						// What the app adds to the browser's own floor: the same page, as the service worker serves it, without scripts.
						measurement: `open ${paragraphs} paragraphs offline: first screen readable, against its page as static HTML`,
						median: ms(offline.firstScreen),
						baseline: `${ms(staticFirstScreen)} (static copy)`,
						ratio: ratio(offline.firstScreen, staticFirstScreen),
						runs: `copy ${list(offline.staticCopy.map((run) => run.firstScreen))}; its first contentful paint ${list(offline.staticCopy.map((run) => run.firstContentfulPaint))}`
					},
					{
						measurement: `open ${paragraphs} paragraphs offline: editable (last paragraph in the editor)`,
						median: ms(offline.editable),
						baseline: `${ms(baseline.editable)} (bare Tiptap page)`,
						ratio: ratio(offline.editable, baseline.editable),
						runs: `${list(offline.runs.map((run) => run.editable))}; bare ${list(baseline.runs.map((run) => run.editable))}`
					},
					{
						measurement: `typing in ${paragraphs} paragraphs opened offline: main thread per keystroke`,
						median: `${keystroke.toFixed(1)} ms`,
						baseline: `${baseline.keystroke.toFixed(1)} ms (bare Tiptap page)`,
						ratio: ratio(keystroke, baseline.keystroke),
						runs: `${offline.runs.map((run) => (run.keystroke ?? 0).toFixed(1)).join(', ')}; bare ${baseline.runs.map((run) => run.keystroke.toFixed(1)).join(', ')}`
					},
					{
						measurement: 'first open of the same document online, empty IndexedDB: first screen / editable',
						median: `${ms(online.firstScreen)} / ${ms(online.editable)}`,
						baseline: `${ms(baseline.editable)} (bare Tiptap page)`,
						ratio: ratio(online.editable, baseline.editable),
						runs: list(online.runs.map((run) => run.editable))
					}
				])
			);
			console.log(`Offline open, medians in ms from navigation start: ${phaseLine(offline.runs)}.`);
			console.log(
				`Opened online from this device's copy (${formatBytes(state.length)} of state), the server sent ${formatBytes(offline.syncBytes)} on /collab until all was saved.`
			);
			console.log(`Load average (1, 5, 15 min) ${loads.join('; ')}; ${os.availableParallelism()} cores.`);
			console.log(
				`Medians of ${RUNS} runs after a warm-up, each baseline run in turn with what it is compared to; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`
			);
		} finally {
			await bare.close();
		}
	}
} finally {
	await browser.close();
	await server.stop();
	fs.rmSync(server.dataDir, { recursive: true, force: true });
	fs.rmSync(bareDir, { recursive: true, force: true });
}
