import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts the real production entry point (server/index.ts over the built app) as a child process
 * on a random port, with its own data folder. `npm test` builds the app before the integration tests.
 */
export interface RunningServer {
	url: string;
	wsUrl: string;
	dataDir: string;
	process: ChildProcess;
	/** Everything the process wrote, for assertions on logs and for failure messages. */
	output: () => string;
	stop: (signal?: NodeJS.Signals) => Promise<number | null>;
	kill: () => Promise<number | null>;
	/** With `fakeClock`: the server's Date.now, and a way to move it forward (resolves once moved). */
	clock?: { now: () => number; advance: (ms: number) => Promise<void> };
}

const ROOT = path.resolve(import.meta.dirname, '../../..');
const STARTUP_TIMEOUT_MS = 20_000;

export function temporaryDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-it-'));
}

const FAKE_CLOCK = path.join(import.meta.dirname, 'fake-clock.ts');

export async function startServer(options: { dataDir?: string; port?: number; fakeClock?: boolean } = {}): Promise<RunningServer> {
	if (!fs.existsSync(path.join(ROOT, 'build/handler.js'))) {
		throw new Error('The app is not built: run `npm run build` (npm test does) before the integration tests.');
	}
	const dataDir = options.dataDir ?? temporaryDataDir();
	const child = spawn(process.execPath, [...(options.fakeClock ? ['--import', FAKE_CLOCK] : []), 'server/index.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(options.port ?? 0), HOST: '127.0.0.1', DATA_DIR: dataDir, ORIGIN: undefined },
		stdio: options.fakeClock ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe']
	});
	const { stdout, stderr } = child;
	if (!stdout || !stderr) throw new Error('the server was started without its output piped');
	let output = '';
	stdout.on('data', (chunk) => (output += chunk));
	stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), STARTUP_TIMEOUT_MS);
		const onData = () => {
			const match = /running at (http:\/\/[^\s/]+)\//.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		stdout.on('data', onData);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening:\n${output}`));
		});
	});

	const stopWith = async (signal: NodeJS.Signals) => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		return exited;
	};
	let clockOffset = 0;
	const clock = options.fakeClock
		? {
				now: () => Date.now() + clockOffset,
				advance: (ms: number) =>
					new Promise<void>((resolve) => {
						child.once('message', (reply: { clockOffsetMs: number }) => {
							clockOffset = reply.clockOffsetMs;
							resolve();
						});
						child.send({ advanceClockMs: ms });
					})
			}
		: undefined;
	return {
		url,
		wsUrl: `${url.replace(/^http/, 'ws')}/collab`,
		clock,
		dataDir,
		process: child,
		output: () => output,
		stop: (signal = 'SIGTERM') => stopWith(signal),
		kill: () => stopWith('SIGKILL')
	};
}
