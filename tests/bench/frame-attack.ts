// `npm run bench:frames`: what six parallel 50 MB frames from unauthenticated sockets cost the
// server's memory, with `ws`'s default frame limit (100 MiB, as before COLLAB_MAX_FRAME_BYTES) and
// with Bridgework's default. Each case runs a fresh server (the built app, as the integration
// tests start it); the figure is the growth of its resident memory, sampled every 5 ms during the
// attack, over its idle size (VmHWM would include start-up's own peak).
import fs from 'node:fs';
import { startServer, type RunningServer } from '../integration/helpers/server.ts';
import { formatBytes, table, type Row } from './measure.ts';
import { DEFAULT_COLLAB_LIMITS } from '../../server/config.ts';

const SOCKETS = 6;
const FRAME_BYTES = 50 * 1024 * 1024;

function residentBytes(server: RunningServer): number {
	const status = fs.readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function attack(label: string, maxFrameBytes: number): Promise<Row> {
	const server = await startServer({ env: { COLLAB_MAX_FRAME_BYTES: String(maxFrameBytes) } });
	try {
		// Let start-up settle, then take the idle size.
		await fetch(server.url);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const idle = residentBytes(server);
		let peak = idle;
		const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(server))), 5);
		const payload = new Uint8Array(FRAME_BYTES);
		const closes = await Promise.all(
			Array.from({ length: SOCKETS }, () => {
				const socket = new WebSocket(server.wsUrl);
				return new Promise<number>((resolve) => {
					socket.addEventListener('open', () => socket.send(payload));
					socket.addEventListener('close', (event) => resolve(event.code));
					socket.addEventListener('error', () => undefined);
				});
			})
		);
		// Until the server has let go of what it read.
		await new Promise((resolve) => setTimeout(resolve, 500));
		clearInterval(sampler);
		return {
			case: label,
			'frame limit': formatBytes(maxFrameBytes),
			'idle RSS': formatBytes(idle),
			'peak RSS': formatBytes(peak),
			'cost of the attack': `+${formatBytes(Math.max(0, peak - idle))}`,
			'close codes': [...new Set(closes)].join(', ')
		};
	} finally {
		await server.stop();
	}
}

const rows = [await attack('before (ws default)', 100 * 1024 * 1024), await attack('after (Bridgework default)', DEFAULT_COLLAB_LIMITS.maxFrameBytes)];
console.log(table(rows));
console.log(`\n${SOCKETS} unauthenticated sockets, one ${formatBytes(FRAME_BYTES)} frame each, sent in parallel; Node ${process.versions.node}.`);
