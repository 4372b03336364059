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
}

const ROOT = path.resolve(import.meta.dirname, '../../..');
const STARTUP_TIMEOUT_MS = 20_000;

export function temporaryDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-it-'));
}

export interface ServerOptions {
	dataDir?: string;
	port?: number;
	/** Further environment, e.g. DATABASE_MAX_MB or BACKUP_DIR. */
	env?: Record<string, string>;
}

function spawnServer(options: ServerOptions, dataDir: string): ChildProcess & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream } {
	if (!fs.existsSync(path.join(ROOT, 'build/handler.js'))) {
		throw new Error('The app is not built: run `npm run build` (npm test does) before the integration tests.');
	}
	return spawn(process.execPath, ['server/index.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(options.port ?? 0), HOST: '127.0.0.1', DATA_DIR: dataDir, ORIGIN: undefined, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

/** Runs the server where it is expected not to start; resolves with its exit code and output. */
export async function startServerExpectingFailure(options: ServerOptions & { dataDir: string }): Promise<{ code: number | null; output: string }> {
	const child = spawnServer(options, options.dataDir);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const timer = setTimeout(() => child.kill('SIGKILL'), STARTUP_TIMEOUT_MS);
	const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
	clearTimeout(timer);
	return { code, output };
}

/** Runs an npm script of the project (`backup`, `restore`) to its end. */
export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, [`server/cli/${script}.ts`, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
	return { code, output };
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
	const dataDir = options.dataDir ?? temporaryDataDir();
	const child = spawnServer(options, dataDir);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
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
		child.stdout.on('data', onData);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening:\n${output}`));
		});
	});

	const stopWith = async (signal: NodeJS.Signals) => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		return exited;
	};
	return {
		url,
		wsUrl: `${url.replace(/^http/, 'ws')}/collab`,
		dataDir,
		process: child,
		output: () => output,
		stop: (signal = 'SIGTERM') => stopWith(signal),
		kill: () => stopWith('SIGKILL')
	};
}
