import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestSmtpServer } from '../../../server/testing/smtp.ts';
import { testDatabaseUrl } from '../../../server/testing/test-databases.ts';

/**
 * Starts the real production entry point (server/index.ts over the built app) as a child process
 * on a random port, with its own data folder. `npm test` builds the app before the integration tests.
 */
export interface RunningServer {
	url: string;
	wsUrl: string;
	dataDir: string;
	/** The PostgreSQL database it runs on, in the PostgreSQL test projects; else its data is in dataDir. */
	databaseUrl?: string;
	process: ChildProcess;
	/** Everything the process wrote, for assertions on logs and for failure messages. */
	output: () => string;
	stop: (signal?: NodeJS.Signals) => Promise<number | null>;
	kill: () => Promise<number | null>;
	/** With `fakeClock`: the server's Date.now, and a way to move it forward (resolves once moved). */
	clock?: { now: () => number; advance: (ms: number) => Promise<void> };
	/** The SMTP server it mails through, when started with one. */
	mailbox?: TestSmtpServer;
}

const ROOT = path.resolve(import.meta.dirname, '../../..');
const STARTUP_TIMEOUT_MS = 20_000;

export function temporaryDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-it-'));
}

const FAKE_CLOCK = path.join(import.meta.dirname, 'fake-clock.ts');

export interface ServerOptions {
	dataDir?: string;
	port?: number;
	/** Further environment, e.g. DATABASE_MAX_MB or BACKUP_DIR. */
	env?: Record<string, string>;
	/**
	 * PostgreSQL projects: the database to run on (several instances share one); a fresh one by
	 * default. Ignored on SQLite, where the data is in dataDir.
	 */
	databaseUrl?: string;
	fakeClock?: boolean;
	/** A test SMTP server to mail through (SMTP_URL); sign-ups then open by their mailed link. */
	mailbox?: TestSmtpServer;
	/** A module the server process loads first (`node --import`), given the IPC channel: the benchmarks' probe. */
	preload?: string;
}

function spawnServer(options: ServerOptions, dataDir: string, databaseUrl?: string): ChildProcess {
	if (!fs.existsSync(path.join(ROOT, 'build/handler.js'))) {
		throw new Error('The app is not built: run `npm run build` (npm test does) before the integration tests.');
	}
	const preloads = [...(options.fakeClock ? [FAKE_CLOCK] : []), ...(options.preload ? [options.preload] : [])];
	return spawn(process.execPath, [...preloads.flatMap((preload) => ['--import', preload]), 'server/index.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(options.port ?? 0),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ORIGIN: undefined,
			DATABASE_URL: databaseUrl,
			...(options.mailbox ? { SMTP_URL: options.mailbox.url, MAIL_FROM: 'Bridgework <no-reply@bridgework.test>' } : {}),
			...options.env
		},
		stdio: preloads.length ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe']
	});
}

/** Collects a child's stdout and stderr into one string, read through the returned function. */
function collectOutput(child: ChildProcess): () => string {
	const { stdout, stderr } = child;
	if (!stdout || !stderr) throw new Error('the process was started without its output piped');
	let output = '';
	stdout.on('data', (chunk) => (output += chunk));
	stderr.on('data', (chunk) => (output += chunk));
	return () => output;
}

/** Runs the server where it is expected not to start; resolves with its exit code and output. */
export async function startServerExpectingFailure(options: ServerOptions & { dataDir: string }): Promise<{ code: number | null; output: string }> {
	const child = spawnServer(options, options.dataDir);
	const output = collectOutput(child);
	const timer = setTimeout(() => child.kill('SIGKILL'), STARTUP_TIMEOUT_MS);
	const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
	clearTimeout(timer);
	return { code, output: output() };
}

/** Runs an npm script of the project (`backup`, `restore`) to its end. */
export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, [`server/cli/${script}.ts`, ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output = collectOutput(child);
	const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
	return { code, output: output() };
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
	const dataDir = options.dataDir ?? temporaryDataDir();
	const databaseUrl = options.databaseUrl ?? (await testDatabaseUrl());
	const child = spawnServer(options, dataDir, databaseUrl);
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
		mailbox: options.mailbox,
		dataDir,
		databaseUrl,
		process: child,
		output: () => output,
		stop: (signal = 'SIGTERM') => stopWith(signal),
		kill: () => stopWith('SIGKILL')
	};
}
