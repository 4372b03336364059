// `npm run bench:cluster`: Bridgework on one PostgreSQL and one Redis, as one instance and as
// three, measured in one run against a build (`npm run build` first). Reports ratios:
// - edit-to-peer latency with the two people on different instances, against the same two on
//   one instance (p50 and p99);
// - updates delivered per second by three instances against one, under the same load.
// A benchmark reports, it does not pass or fail.
import os from 'node:os';
import * as Y from 'yjs';
import { startPostgres } from '../../server/testing/postgres.ts';
import { prepareTemplate } from '../../server/testing/postgres-template.ts';
import { startRedis } from '../../server/testing/redis.ts';
import { addClient, createBlankDocument, signUpTrainer, type SignedIn } from '../integration/helpers/accounts.ts';
import { appendParagraph, connectPeer, documentName, eventually, within, type TestPeer } from '../integration/helpers/collab.ts';
import { startServer, type RunningServer } from '../integration/helpers/server.ts';
import { formatMs, median, percentile, table, type Row } from './measure.ts';

const EDITS = 300;
const EDIT_GAP_MS = 15;
const THROUGHPUT_DOCUMENTS = 30;
const THROUGHPUT_SECONDS = 8;
const EDITS_PER_SECOND = 4;

async function peer(server: RunningServer, documentId: string, who: SignedIn): Promise<TestPeer> {
	const connected = connectPeer(server, documentName(documentId), who.token);
	await within(connected.synced, 20_000, 'a peer to sync');
	return connected;
}

/** Sends EDITS paragraphs from `writer`, one every EDIT_GAP_MS; returns how long each took to appear at `reader`. */
async function latencies(writer: TestPeer, reader: TestPeer): Promise<number[]> {
	const sentAt = new Map<string, number>();
	const seen: number[] = [];
	reader.text.observe((event) => {
		const now = performance.now();
		for (const item of event.changes.added) {
			for (const content of item.content.getContent()) {
				const text =
					content instanceof Y.XmlElement
						? content
								.toArray()
								.map((child) => child.toString())
								.join('')
						: '';
				const sent = sentAt.get(text);
				if (sent !== undefined) seen.push(now - sent);
			}
		}
	});
	for (let i = 0; i < EDITS; i++) {
		const key = `edit ${i} ${Math.random().toString(36).slice(2)}`;
		sentAt.set(key, performance.now());
		appendParagraph(writer, key);
		await new Promise((resolve) => setTimeout(resolve, EDIT_GAP_MS));
	}
	await eventually(() => seen.length >= EDITS, { timeoutMs: 30_000, what: 'every edit to reach the reader' });
	return seen;
}

/** One writer and two readers per document, spread over `instances`; counts what readers receive. */
async function throughput(instances: RunningServer[], trainer: SignedIn, documents: string[]): Promise<number> {
	const groups: Array<{ writer: TestPeer; readers: TestPeer[] }> = [];
	for (const [index, documentId] of documents.entries()) {
		const on = (k: number) => instances[(index + k) % instances.length]!;
		groups.push({ writer: await peer(on(0), documentId, trainer), readers: [await peer(on(1), documentId, trainer), await peer(on(2), documentId, trainer)] });
	}
	let delivered = 0;
	for (const { readers } of groups) for (const reader of readers) reader.doc.on('update', () => (delivered += 1));
	const started = performance.now();
	const deadline = started + THROUGHPUT_SECONDS * 1000;
	await Promise.all(
		groups.map(async ({ writer }, index) => {
			// Paragraphs: the update guard admits only what the editor's schema holds.
			for (let i = 0; performance.now() < deadline; i++) {
				appendParagraph(writer, `load ${index} ${i}`);
				await new Promise((resolve) => setTimeout(resolve, 1000 / EDITS_PER_SECOND));
			}
		})
	);
	const rate = delivered / ((performance.now() - started) / 1000);
	for (const group of groups) [group.writer, ...group.readers].forEach((member) => member.destroy());
	return rate;
}

async function main(): Promise<void> {
	const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	const instances: RunningServer[] = [];
	try {
		const databaseUrl = await postgres.createDatabase('bench_cluster');
		await prepareTemplate(databaseUrl);
		for (let i = 0; i < 3; i++) instances.push(await startServer({ databaseUrl, env: { REDIS_URL: redis.url() } }));
		const [a, b] = instances as [RunningServer, RunningServer];
		const trainer = await signUpTrainer(a);
		const clientId = await addClient(a, trainer);

		const rows: Row[] = [];
		// Latency: alternate single-instance and cross-instance rounds, so drift hits both alike.
		const single: number[] = [];
		const cross: number[] = [];
		for (let round = 0; round < 2; round++) {
			for (const [target, into] of [
				[a, single],
				[b, cross]
			] as const) {
				const documentId = await createBlankDocument(a, trainer, clientId, `Latency ${round}`);
				const writer = await peer(a, documentId, trainer);
				const reader = await peer(target, documentId, trainer);
				into.push(...(await latencies(writer, reader)));
				writer.destroy();
				reader.destroy();
			}
		}
		for (const p of [50, 99]) {
			const base = percentile(single, p);
			const measured = percentile(cross, p);
			rows.push({
				benchmark: `edit-to-peer p${p}, ${single.length} edits each`,
				baseline: `same instance ${formatMs(base)}`,
				measured: `across instances ${formatMs(measured)}`,
				ratio: `${(measured / base).toFixed(2)}× the time`
			});
		}

		const documents: string[] = [];
		for (let i = 0; i < THROUGHPUT_DOCUMENTS; i++) documents.push(await createBlankDocument(a, trainer, clientId, `Load ${i}`));
		const one = await throughput([a], trainer, documents.slice(0, THROUGHPUT_DOCUMENTS / 2));
		const three = await throughput(instances, trainer, documents.slice(THROUGHPUT_DOCUMENTS / 2));
		rows.push({
			benchmark: `delivered updates/s, ${THROUGHPUT_DOCUMENTS / 2} documents × (1 writer at ${EDITS_PER_SECOND}/s + 2 readers), ${THROUGHPUT_SECONDS} s`,
			baseline: `1 instance ${one.toFixed(0)}/s`,
			measured: `3 instances ${three.toFixed(0)}/s`,
			ratio: `${(three / one).toFixed(2)}× the rate`
		});
		console.log(table(rows));
		console.log(
			`\nOne PostgreSQL and one Redis on this machine (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}); single-instance median ${formatMs(median(single))}, cross-instance median ${formatMs(median(cross))}.`
		);
	} finally {
		await Promise.all(instances.map((instance) => instance.stop()));
		await Promise.all([postgres.stop(), redis.stop()]);
	}
}

await main();
