// The three servers `npm run bench:sync` drives, each in a process of its own with the probe
// (sync-probe.ts) loaded, behind one interface: new documents, a synced client on one of them,
// and the server process's CPU and memory. Hocuspocus and Bridgework get the same client, the
// app's own provider setup (connectPeer); y-websocket gets its own provider, the one its server
// is written for. All three clients edit the same Y.Doc type, Tiptap's fragment.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addClient, createBlankDocument, signUpTrainer } from '../integration/helpers/accounts.ts';
import { connectPeer, documentName, within } from '../integration/helpers/collab.ts';
import { startServer } from '../integration/helpers/server.ts';
import type { ProbeReport, ProbeRequest } from './sync-probe.ts';

const PROBE = path.join(import.meta.dirname, 'sync-probe.ts');
const ANCHORS = path.join(import.meta.dirname, 'sync-anchors.ts');
const ROOT = path.resolve(import.meta.dirname, '../..');
const SYNC_TIMEOUT_MS = 20_000;

export interface SyncPeer {
	doc: Y.Doc;
	/** Where Tiptap keeps a document's text; every edit of the benchmark goes here. */
	fragment: Y.XmlFragment;
	destroy: () => void;
}

export interface Memory {
	heapUsed: number;
	external: number;
}

export interface Target {
	name: string;
	/** Names of `count` new, empty documents. */
	documents: (count: number) => Promise<string[]>;
	/** A client on `document`, once its first sync is complete. */
	connect: (document: string) => Promise<SyncPeer>;
	/** The server process's CPU since it started, in microseconds. */
	cpuUs: () => Promise<number>;
	/** The server process's heap and external memory, after a full collection. */
	memory: () => Promise<Memory>;
	/** A CPU profile of the server's main thread, from `start` until `stop` writes it to `file`. */
	profile: { start: () => Promise<void>; stop: (file: string) => Promise<void> };
	stop: () => Promise<void>;
}

type Request = ProbeRequest extends infer R ? (R extends ProbeRequest ? Omit<R, 'probe'> : never) : never;

/** Asks the probe in `child` for a reading; replies carry the request's number, so readings may overlap. */
function prober(child: ChildProcess) {
	let sequence = 0;
	return <T extends ProbeReport>(request: Request): Promise<T> =>
		within(
			new Promise<T>((resolve) => {
				const probe = ++sequence;
				const onMessage = (message: { probed?: number; report?: T }) => {
					if (message.probed !== probe || !message.report) return;
					child.off('message', onMessage);
					resolve(message.report);
				};
				child.on('message', onMessage);
				child.send({ ...request, probe } satisfies ProbeRequest);
			}),
			10_000,
			`the ${request.what} probe to answer`
		);
}

function measuredBy(child: ChildProcess): Pick<Target, 'cpuUs' | 'memory' | 'profile'> {
	const probe = prober(child);
	return {
		cpuUs: async () => (await probe<{ cpuUs: number }>({ what: 'cpu' })).cpuUs,
		memory: () => probe<Memory>({ what: 'memory' }),
		profile: {
			start: async () => void (await probe({ what: 'profile-start' })),
			stop: async (file) => void (await probe({ what: 'profile-stop', file }))
		}
	};
}

let anchorDocuments = 0;

/** An anchor's documents need no creating: a client naming one opens it. */
function freshNames(count: number): Promise<string[]> {
	return Promise.resolve(Array.from({ length: count }, () => `bench-${process.pid}-${anchorDocuments++}`));
}

async function startAnchor(kind: 'hocuspocus' | 'y-websocket'): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
	const child = spawn(process.execPath, ['--import', PROBE, ANCHORS, kind], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const url = await within(
		new Promise<string>((resolve, reject) => {
			child.stdout!.on('data', () => {
				const match = /^listening at (ws:\/\/\S+)$/m.exec(output);
				if (match?.[1]) resolve(match[1]);
			});
			child.on('exit', (code) => reject(new Error(`${kind} exited with ${code}:\n${output}`)));
		}),
		SYNC_TIMEOUT_MS,
		`${kind} to listen`
	);
	return {
		url,
		child,
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}

export async function hocuspocusTarget(): Promise<Target> {
	const { url, child, stop } = await startAnchor('hocuspocus');
	return {
		name: 'Hocuspocus',
		documents: freshNames,
		connect: async (document) => {
			const peer = connectPeer({ wsUrl: url }, document, null);
			await within(peer.synced, SYNC_TIMEOUT_MS, 'a Hocuspocus client to sync');
			return { doc: peer.doc, fragment: peer.text, destroy: peer.destroy };
		},
		...measuredBy(child),
		stop
	};
}

export async function yWebsocketTarget(): Promise<Target> {
	const { url, child, stop } = await startAnchor('y-websocket');
	return {
		name: 'y-websocket',
		documents: freshNames,
		connect: async (document) => {
			const doc = new Y.Doc();
			// Clients in one process would otherwise reach each other over a BroadcastChannel, past the server.
			const provider = new WebsocketProvider(url, document, doc, { disableBc: true });
			await within(
				new Promise<void>((resolve) => provider.once('sync', (synced: boolean) => synced && resolve())),
				SYNC_TIMEOUT_MS,
				'a y-websocket client to sync'
			);
			return {
				doc,
				fragment: doc.getXmlFragment('default'),
				destroy: () => {
					provider.destroy();
					doc.destroy();
				}
			};
		},
		...measuredBy(child),
		stop
	};
}

/**
 * The production entry point over the build (`npm run build` first), on SQLite in a temporary data
 * folder: every client signs in as a trainer, every update passes the guard and is appended to the
 * document's log before it is acknowledged, and opening a document is checked against access.
 */
export async function bridgeworkTarget(): Promise<Target> {
	const server = await startServer({ preload: PROBE });
	const trainer = await signUpTrainer(server);
	const clientId = await addClient(server, trainer);
	let created = 0;
	return {
		name: 'Bridgework',
		documents: async (count) => {
			const names: string[] = [];
			for (let i = 0; i < count; i++) names.push(documentName(await createBlankDocument(server, trainer, clientId, `Bench ${created++}`)));
			return names;
		},
		connect: async (document) => {
			const peer = connectPeer(server, document, trainer.token);
			const refused = peer.refused.then((reason) => Promise.reject(new Error(`Bridgework refused a client: ${reason}`)));
			await within(Promise.race([peer.synced, refused]), SYNC_TIMEOUT_MS, 'a Bridgework client to sync');
			return { doc: peer.doc, fragment: peer.text, destroy: peer.destroy };
		},
		...measuredBy(server.process),
		stop: async () => {
			await server.stop();
			fs.rmSync(server.dataDir, { recursive: true, force: true });
		}
	};
}
