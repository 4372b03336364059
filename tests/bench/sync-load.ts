// The load `npm run bench:sync` puts on each server: groups of clients on one document each,
// every client appending paragraphs at a steady rate, every other client of its document timing
// the paragraph's arrival. The paragraph carries its own send time (performance.now(), one clock,
// since every client lives in this process), so nothing is looked up to time it.
import * as Y from 'yjs';
import type { SyncPeer, Target } from './sync-targets.ts';

export interface DriveResult {
	/** Edit-to-peer milliseconds of every delivery, Infinity for each one that never arrived. */
	latencies: number[];
	sent: number;
	lost: number;
	/** Deliveries per second while the clients were editing (not counting the drain after it). */
	deliveredPerSecond: number;
	delivered: number;
	/** Server CPU (µs) from the first edit to the last delivery. */
	serverCpuUs: number;
	/** This process's CPU while driving, as a share of one core: clients too can be what saturates. */
	clientCpuShare: number;
}

export interface DriveOptions {
	editsPerSecond: number;
	seconds: number;
	/** How long to wait, after the last edit, for deliveries still on their way. */
	drainMs: number;
}

let runs = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects `clients` clients to each document, a document's clients at once (below any per-address bound on unauthenticated sockets). */
export async function connectGroups(target: Target, documents: string[], clients: number): Promise<SyncPeer[][]> {
	const groups: SyncPeer[][] = [];
	for (const document of documents) groups.push(await Promise.all(Array.from({ length: clients }, () => target.connect(document))));
	return groups;
}

export function destroyGroups(groups: SyncPeer[][]): void {
	for (const peer of groups.flat()) peer.destroy();
}

export async function drive(target: Target, groups: SyncPeer[][], { editsPerSecond, seconds, drainMs }: DriveOptions): Promise<DriveResult> {
	// A tag per run: a paragraph of an earlier run arriving late is not timed again.
	const tag = `run${++runs}`;
	const latencies: number[] = [];
	let deliveredInWindow = 0;
	let editing = true;
	const unobserve: Array<() => void> = [];
	for (const peer of groups.flat()) {
		const observer = (event: Y.YXmlEvent, transaction: Y.Transaction) => {
			if (transaction.local) return;
			const now = performance.now();
			for (const item of event.changes.added) {
				for (const content of item.content.getContent()) {
					if (!(content instanceof Y.XmlElement)) continue;
					const [runTag, sentAt] = (content.firstChild?.toString() ?? '').split(' ');
					if (runTag !== tag) continue;
					latencies.push(now - Number(sentAt));
					if (editing) deliveredInWindow += 1;
				}
			}
		};
		peer.fragment.observe(observer);
		unobserve.push(() => peer.fragment.unobserve(observer));
	}

	const gapMs = 1000 / editsPerSecond;
	const cpuBefore = await target.cpuUs();
	const clientCpuBefore = process.cpuUsage();
	const started = performance.now();
	const deadline = started + seconds * 1000;
	let sent = 0;
	let expected = 0;
	await Promise.all(
		groups.flatMap((group) =>
			group.map(async (peer) => {
				// Each client starts at a random point of its gap and then keeps to a schedule, not to
				// a fixed pause after each edit: a slow edit does not lower the rate offered.
				let next = started + Math.random() * gapMs;
				while (next < deadline) {
					await sleep(Math.max(0, next - performance.now()));
					const paragraph = new Y.XmlElement('paragraph');
					paragraph.insert(0, [new Y.XmlText(`${tag} ${performance.now()}`)]);
					peer.fragment.insert(peer.fragment.length, [paragraph]);
					sent += 1;
					expected += group.length - 1;
					next += gapMs;
				}
			})
		)
	);
	editing = false;
	// The window lasts until the last edit is sent, however late a busy machine fired its timer;
	// what arrives after it counts in the latencies, not in the rate.
	const windowMs = Math.max(performance.now(), deadline) - started;
	const drainEnd = performance.now() + drainMs;
	while (latencies.length < expected && performance.now() < drainEnd) await sleep(20);
	const cpuUs = (await target.cpuUs()) - cpuBefore;
	const clientCpu = process.cpuUsage(clientCpuBefore);
	const elapsedMs = performance.now() - started;
	for (const stop of unobserve) stop();

	const lost = Math.max(0, expected - latencies.length);
	const delivered = latencies.length;
	for (let i = 0; i < lost; i++) latencies.push(Number.POSITIVE_INFINITY);
	return {
		latencies,
		sent,
		lost,
		deliveredPerSecond: deliveredInWindow / (windowMs / 1000),
		delivered,
		serverCpuUs: cpuUs,
		clientCpuShare: (clientCpu.user + clientCpu.system) / 1000 / elapsedMs
	};
}
