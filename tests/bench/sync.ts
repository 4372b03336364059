// `npm run bench:sync`: Bridgework's collaboration server against two anchors measured in the same
// run on the same machine, Hocuspocus as it comes (what Bridgework is built on, without its
// authentication, access checks, update guard, update log and audit) and the y-websocket reference
// server. Each runs in a process of its own; the same clients in this process drive all three.
// Reported as ratios of Bridgework over each anchor, with the figures themselves:
// - edit-to-peer latency p50/p95/p99, documents of 3 clients each editing at a steady rate;
// - server CPU per delivered update, over the same load;
// - the throughput knee: 20 documents × 5 clients, the edit rate raised until p99 passes a bound
//   or deliveries per second stop rising;
// - memory per idle connection (heap and external, after a full collection), against one client,
//   and the server's CPU while those clients idle (what the per-update figure includes at low rates).
// Needs a build (`npm run build`). A benchmark reports, it does not pass or fail. Scale it with
// the environment variables below; the defaults keep a run near two minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { knee, pastKnee, type LoadStep } from './knee.ts';
import { formatBytes, formatMs, median, percentile, table, type Row } from './measure.ts';
import { connectGroups, destroyGroups, drive, type DriveResult } from './sync-load.ts';
import { bridgeworkTarget, hocuspocusTarget, yWebsocketTarget, type SyncPeer, type Target } from './sync-targets.ts';

function setting(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${process.env[name]}"`);
	return value;
}

const LATENCY_DOCUMENTS = setting('SYNC_DOCUMENTS', 10);
const LATENCY_CLIENTS = 3;
const LATENCY_RATE = setting('SYNC_EDITS_PER_SECOND', 2);
const LATENCY_SECONDS = setting('SYNC_SECONDS', 8);
const ROUNDS = setting('SYNC_ROUNDS', 2);
const KNEE_DOCUMENTS = setting('KNEE_DOCUMENTS', 20);
const KNEE_CLIENTS = setting('KNEE_CLIENTS', 5);
const KNEE_RATES = (process.env.KNEE_RATES ?? '1,1.5,2,3,4,6,8,12,16').split(',').map(Number);
if (!KNEE_RATES.every((rate) => rate > 0)) throw new Error(`KNEE_RATES must list edit rates per client, such as 1,2,4, not "${process.env.KNEE_RATES}"`);
const KNEE_STEP_SECONDS = setting('KNEE_STEP_SECONDS', 4);
const KNEE_BOUNDS = { p99LimitMs: setting('KNEE_P99_MS', 250), minGain: 1.1 };
const IDLE_CONNECTIONS = setting('IDLE_CONNECTIONS', 100);
const IDLE_CPU_MS = 3000;
/** A folder: each server's CPU profile over the latency rounds is written there (the figures then include the profiler's cost). */
const PROFILE_DIR = process.env.SYNC_PROFILE;
const DRAIN_MS = 3000;

const loadAverage = () =>
	os
		.loadavg()
		.map((load) => load.toFixed(2))
		.join(' ');

/** Fresh documents and clients for one run, closed after it. */
async function withGroups<T>(target: Target, documents: number, clients: number, run: (groups: SyncPeer[][]) => Promise<T>): Promise<T> {
	const groups = await connectGroups(target, await target.documents(documents), clients);
	try {
		return await run(groups);
	} finally {
		destroyGroups(groups);
	}
}

interface LatencyFigures {
	latencies: number[];
	delivered: number;
	serverCpuUs: number;
	lost: number;
}

/** Rounds in turn, each server's place in the order moving every round, so drift in the machine's load hits all three alike. */
async function latencyPhase(targets: Target[]): Promise<Map<Target, LatencyFigures>> {
	const figures = new Map(targets.map((target) => [target, { latencies: [], delivered: 0, serverCpuUs: 0, lost: 0 } as LatencyFigures]));
	// A short run each first, not counted: the servers' and the clients' code compiled and warm.
	for (const target of targets)
		await withGroups(target, 1, LATENCY_CLIENTS, (groups) => drive(target, groups, { editsPerSecond: 10, seconds: 2, drainMs: DRAIN_MS }));
	for (let round = 0; round < ROUNDS; round++) {
		for (let i = 0; i < targets.length; i++) {
			const target = targets[(round + i) % targets.length]!;
			const result = await withGroups(target, LATENCY_DOCUMENTS, LATENCY_CLIENTS, async (groups) => {
				// Once the clients are connected: the profile shows what the figures count.
				if (PROFILE_DIR) await target.profile.start();
				try {
					return await drive(target, groups, { editsPerSecond: LATENCY_RATE, seconds: LATENCY_SECONDS, drainMs: DRAIN_MS });
				} finally {
					if (PROFILE_DIR) {
						fs.mkdirSync(PROFILE_DIR, { recursive: true });
						await target.profile.stop(path.join(PROFILE_DIR, `${target.name}-round${round + 1}.cpuprofile`));
					}
				}
			});
			const into = figures.get(target)!;
			into.latencies.push(...result.latencies);
			into.delivered += result.delivered;
			into.serverCpuUs += result.serverCpuUs;
			into.lost += result.lost;
			console.error(`… latency round ${round + 1}, ${target.name}: ${result.delivered} deliveries`);
		}
	}
	return figures;
}

interface KneeRun {
	/** `firstTry`: a step past the knee is run a second time, and this is what the first run showed. */
	steps: Array<{ rate: number; result: DriveResult; step: LoadStep; firstTry?: LoadStep }>;
	kneeIndex: number;
	reason?: string;
}

/** The edit rate raised step by step on the same clients until the server is past its knee (one step past it is shown). */
async function kneePhase(target: Target): Promise<KneeRun> {
	return withGroups(target, KNEE_DOCUMENTS, KNEE_CLIENTS, async (groups) => {
		// Not counted: the first edits after a hundred clients joined meet the server still busy with their joining.
		await drive(target, groups, { editsPerSecond: KNEE_RATES[0]!, seconds: 1, drainMs: DRAIN_MS });
		const steps: KneeRun['steps'] = [];
		const run = async (rate: number) => {
			const result = await drive(target, groups, { editsPerSecond: rate, seconds: KNEE_STEP_SECONDS, drainMs: DRAIN_MS });
			const step = { deliveredPerSecond: result.deliveredPerSecond, p99Ms: percentile(result.latencies, 99) };
			console.error(`… knee, ${target.name}: ${rate}/s per client, ${step.deliveredPerSecond.toFixed(0)} delivered/s, p99 ${formatMs(step.p99Ms)}`);
			return { rate, result, step };
		};
		for (const rate of KNEE_RATES) {
			const previous = steps.at(-1)?.step;
			let attempt: KneeRun['steps'][number] = await run(rate);
			// On a shared machine one stall of another process's making passes the p99 bound: a step
			// counts as past the knee only if it is past it twice in a row.
			if (pastKnee(attempt.step, previous, KNEE_BOUNDS)) attempt = { ...(await run(rate)), firstTry: attempt.step };
			steps.push(attempt);
			if (pastKnee(attempt.step, previous, KNEE_BOUNDS)) break;
		}
		const { index, reason } = knee(
			steps.map(({ step }) => step),
			KNEE_BOUNDS
		);
		return { steps, kneeIndex: index, reason };
	});
}

interface IdleFigures {
	/** Heap and external bytes per idle client. */
	bytesPerConnection: number;
	/** Server CPU µs per second with every client connected and nothing edited: timers, pings, watchers. */
	cpuUsPerSecond: number;
}

/** Heap and external memory the server holds per idle client, over one client that keeps the document open; then its CPU while they idle. */
async function idleClients(target: Target): Promise<IdleFigures> {
	const [document] = await target.documents(1);
	const holder = await target.connect(document!);
	const idle: SyncPeer[] = [];
	try {
		const total = async () => {
			const { heapUsed, external } = await target.memory();
			return heapUsed + external;
		};
		const before = await total();
		// Ten at a time: under Bridgework's bound on sockets that have not yet authenticated.
		while (idle.length < IDLE_CONNECTIONS) {
			idle.push(...(await Promise.all(Array.from({ length: Math.min(10, IDLE_CONNECTIONS - idle.length) }, () => target.connect(document!)))));
		}
		const after = await total();
		const cpuBefore = await target.cpuUs();
		const since = performance.now();
		await new Promise((resolve) => setTimeout(resolve, IDLE_CPU_MS));
		const cpuUsPerSecond = ((await target.cpuUs()) - cpuBefore) / ((performance.now() - since) / 1000);
		return { bytesPerConnection: (after - before) / IDLE_CONNECTIONS, cpuUsPerSecond };
	} finally {
		for (const peer of [...idle, holder]) peer.destroy();
	}
}

function ratio(measured: number, anchor: number, unit: string): string {
	if (!Number.isFinite(measured) || !Number.isFinite(anchor) || anchor <= 0) return '';
	return `${(measured / anchor).toFixed(2)}× the ${unit}`;
}

function kneeFigure(run: KneeRun): { perSecond: number; text: string } {
	const served = run.steps[run.kneeIndex];
	if (!served) return { perSecond: Number.NaN, text: `below ${KNEE_RATES[0]}/s per client (${run.reason})` };
	const perSecond = served.step.deliveredPerSecond;
	const bound = run.reason ? `, then ${run.reason}` : `, still rising at ${served.rate}/s per client`;
	return { perSecond, text: `${perSecond.toFixed(0)}/s at ${served.rate}/s per client${bound}` };
}

async function main(): Promise<void> {
	// y-websocket's provider listens for the process's exit, once per client.
	process.setMaxListeners(KNEE_DOCUMENTS * KNEE_CLIENTS + IDLE_CONNECTIONS + 10);
	const started = performance.now();
	console.log(`Load average at start (1, 5, 15 min): ${loadAverage()} on ${os.cpus().length} cores; Node ${process.versions.node}.`);
	const targets: Target[] = [];
	try {
		targets.push(await hocuspocusTarget(), await yWebsocketTarget(), await bridgeworkTarget());
		const latency = await latencyPhase(targets);
		const knees = new Map<Target, KneeRun>();
		for (const target of targets) knees.set(target, await kneePhase(target));
		const idle = new Map<Target, IdleFigures>();
		for (const target of targets) {
			idle.set(target, await idleClients(target));
			console.error(`… idle clients, ${target.name}`);
		}

		const [hocuspocus, yWebsocket, bridgework] = targets as [Target, Target, Target];
		const rows: Row[] = [];
		const add = (measure: string, value: (target: Target) => number, format: (value: number) => string, unit: string) => {
			const [h, y, b] = [value(hocuspocus), value(yWebsocket), value(bridgework)];
			rows.push({
				measure,
				Hocuspocus: format(h),
				'y-websocket': format(y),
				Bridgework: format(b),
				'Bridgework / Hocuspocus': ratio(b, h, unit),
				'Bridgework / y-websocket': ratio(b, y, unit)
			});
		};
		for (const p of [50, 95, 99]) add(`edit-to-peer p${p}`, (t) => percentile(latency.get(t)!.latencies, p), formatMs, 'time');
		add(
			'server CPU per delivered update',
			(t) => latency.get(t)!.serverCpuUs / latency.get(t)!.delivered,
			(us) => `${us.toFixed(1)} µs`,
			'CPU'
		);
		add(
			'throughput knee (delivered/s)',
			(t) => kneeFigure(knees.get(t)!).perSecond,
			(n) => (Number.isFinite(n) ? `${n.toFixed(0)}/s` : 'none'),
			'rate'
		);
		add('memory per idle connection', (t) => idle.get(t)!.bytesPerConnection, formatBytes, 'bytes');
		add(
			`server CPU, ${IDLE_CONNECTIONS + 1} idle clients`,
			(t) => idle.get(t)!.cpuUsPerSecond / 10_000,
			(share) => `${share.toFixed(2)} % of a core`,
			'CPU'
		);
		console.log(table(rows));

		const kneeRows: Row[] = [];
		for (const target of targets) {
			const run = knees.get(target)!;
			for (const [index, { rate, result, step, firstTry }] of run.steps.entries()) {
				const finite = result.latencies.filter(Number.isFinite);
				kneeRows.push({
					server: target.name,
					'edits/s per client': String(rate),
					'edits/s sent': (result.sent / KNEE_STEP_SECONDS).toFixed(0),
					'delivered/s': step.deliveredPerSecond.toFixed(0),
					p50: finite.length ? formatMs(median(finite)) : '',
					p99: Number.isFinite(step.p99Ms) ? formatMs(step.p99Ms) : `${result.lost} lost`,
					'server CPU/delivery': `${(result.serverCpuUs / result.delivered).toFixed(1)} µs`,
					'client CPU': `${(result.clientCpuShare * 100).toFixed(0)} %`,
					'first try': firstTry
						? `${firstTry.deliveredPerSecond.toFixed(0)}/s, p99 ${Number.isFinite(firstTry.p99Ms) ? formatMs(firstTry.p99Ms) : 'lost'}`
						: '',
					'': index === run.kneeIndex ? '← knee' : index === run.kneeIndex + 1 ? (run.reason ?? '') : ''
				});
			}
		}
		console.log(
			`\nThroughput steps: ${KNEE_DOCUMENTS} documents × ${KNEE_CLIENTS} clients, all editing, ${KNEE_STEP_SECONDS} s a step; a step past the knee is run twice, the second run shown`
		);
		console.log(table(kneeRows));
		for (const target of targets) console.log(`${target.name} knee: ${kneeFigure(knees.get(target)!).text}`);

		const lost = targets.map((t) => `${t.name} ${latency.get(t)!.lost}`).join(', ');
		console.log(
			`\nLatency: ${ROUNDS} rounds × ${LATENCY_DOCUMENTS} documents × ${LATENCY_CLIENTS} clients, each editing ${LATENCY_RATE}/s for ${LATENCY_SECONDS} s; ` +
				`${latency.get(bridgework)!.latencies.length} deliveries timed per server (lost: ${lost}). ` +
				`Idle memory: ${IDLE_CONNECTIONS} clients on one document, over one.`
		);
	} finally {
		for (const target of targets) await target.stop();
	}
	console.log(`Load average at end (1, 5, 15 min): ${loadAverage()}; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`);
}

await main();
