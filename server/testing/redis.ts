import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.ts';

/**
 * A real redis-server for tests, in memory only (no RDB snapshots, no append-only file), on a free
 * port of 127.0.0.1, with a temporary working folder.
 */
export interface RedisServer {
	readonly port: number;
	readonly folder: string;
	/** redis://127.0.0.1:port/<database>; logical database 0 unless given. */
	url(database?: number): string;
	/** Stops the server and removes its folder. */
	stop(): Promise<void>;
}

export interface RedisOptions {
	/** Logical databases (SELECT 0…n-1), so that each test server can have its own key space. */
	databases?: number;
	/** How long to wait for the first PING to be answered. */
	startTimeoutMs?: number;
}

const PORT_ATTEMPTS = 5;
const OUTPUT_LIMIT = 64 * 1024;

export function redisServerBinary(): string {
	try {
		return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error("redis-server is not installed: install Debian's redis-server package: apt-get install -y redis-server");
	}
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
	const binary = redisServerBinary();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-redis-'));
	const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		const child = spawn(
			binary,
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder, '--databases', String(options.databases ?? 1000)],
			{ cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let output = '';
		const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_LIMIT));
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		const killOnExit = () => child.kill('SIGKILL');
		process.once('exit', killOnExit);
		try {
			await answersPing(port, child, exited, options.startTimeoutMs ?? 10_000);
		} catch (error) {
			child.kill('SIGKILL');
			await exited;
			process.removeListener('exit', killOnExit);
			// Another process took the port between freePort() and the bind: try another one.
			if (attempt < PORT_ATTEMPTS && /Address already in use/.test(output)) continue;
			removeFolder();
			throw new Error(`redis-server did not start: ${(error as Error).message}\n${output}`, { cause: error });
		}
		return {
			port,
			folder,
			url: (database = 0) => `redis://127.0.0.1:${port}/${database}`,
			async stop() {
				if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
				await exited;
				process.removeListener('exit', killOnExit);
				removeFolder();
			}
		};
	}
}

/** Resolves once the server answers PING; rejects if it exits first or the time runs out. */
async function answersPing(port: number, child: ChildProcess, exited: Promise<void>, timeoutMs: number): Promise<void> {
	// ioredis reconnects until the server listens; maxRetriesPerRequest: null queues the PING until then.
	const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: null, retryStrategy: () => 20 });
	client.on('error', () => {
		// refused connections before the server listens are expected; the timeout bounds the wait
	});
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			client.ping(),
			exited.then(() => {
				throw new Error(`it exited with ${child.exitCode ?? child.signalCode}`);
			}),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`no answer to PING within ${timeoutMs} ms`)), timeoutMs);
			})
		]);
	} finally {
		clearTimeout(timer);
		client.disconnect();
	}
}
