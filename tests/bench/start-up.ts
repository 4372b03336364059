// `node tests/bench/start-up.ts`: how long each way of starting takes until /readyz answers 200,
// on a fresh data folder: `npm run serve` (a built app), `npm start` with the build current (it
// checks and serves), and what `npm start` did before it checked (`vite build` on every start).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env.RUNS ?? 3);

async function timeToReady(command: string[]): Promise<number> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-start-'));
	const started = performance.now();
	const child = spawn(command[0]!, command.slice(1), {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	try {
		for (;;) {
			if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited:\n${output}`);
			const url = /running at (http:\/\/[^\s/"]+)\//.exec(output)?.[1];
			if (url) {
				const response = await fetch(`${url}/readyz`).catch(() => null);
				if (response?.status === 200) return performance.now() - started;
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	} finally {
		// npm runs the server as its child: the whole group stops.
		process.kill(-child.pid!, 'SIGTERM');
		await new Promise((resolve) => child.on('exit', resolve));
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

const ways: Array<[string, string[]]> = [
	['npm run serve', ['npm', 'run', 'serve']],
	['npm start (build current)', ['npm', 'start']],
	['vite build && serve (npm start before)', ['sh', '-c', 'npx vite build && exec node server/index.ts']]
];
for (const [name, command] of ways) {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) times.push(await timeToReady(command));
	times.sort((a, b) => a - b);
	console.log(
		`${name.padEnd(42)} median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(2)} s  (${times.map((t) => (t / 1000).toFixed(2)).join(', ')})`
	);
}
