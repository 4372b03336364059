// Loaded with `node --import` into each server process `npm run bench:sync` starts, Bridgework's
// and the two anchors', so that all three are measured from inside by the same code: the CPU
// the process has used (all its threads, the garbage collector's among them) and, after a full
// collection, the heap and the buffers outside it that sockets and Yjs updates live in.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { collectGarbage } from './measure.ts';

export type ProbeRequest = { probe: number; what: 'cpu' | 'memory' | 'profile-start' } | { probe: number; what: 'profile-stop'; file: string };

export type ProbeReport = { cpuUs: number } | { heapUsed: number; external: number } | { profiled: true };

/** SYNC_PROFILE: the main thread's CPU profile over the latency phase, for reading in DevTools. */
let profiler: Session | undefined;
async function profile(request: ProbeRequest): Promise<void> {
	if (request.what === 'profile-start') {
		profiler = new Session();
		profiler.connect();
		await profiler.post('Profiler.enable');
		await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
		await profiler.post('Profiler.start');
	} else if (request.what === 'profile-stop' && profiler) {
		const { profile } = await profiler.post('Profiler.stop');
		fs.writeFileSync(request.file, JSON.stringify(profile));
		profiler.disconnect();
		profiler = undefined;
	}
	process.send?.({ probed: request.probe, report: { profiled: true } });
}

process.on('message', (message: unknown) => {
	if (typeof message !== 'object' || message === null || !('probe' in message) || !('what' in message)) return;
	const { probe, what } = message as ProbeRequest;
	if (what === 'profile-start' || what === 'profile-stop') {
		void profile(message as ProbeRequest);
		return;
	}
	if (what === 'cpu') {
		// Microseconds since the process started, user and system together.
		const { user, system } = process.cpuUsage();
		process.send?.({ probed: probe, report: { cpuUs: user + system } });
		return;
	}
	// Only memory readings collect: a collection between two CPU readings would count as the server's work.
	void collectGarbage().then(() => {
		const { heapUsed, external } = process.memoryUsage();
		process.send?.({ probed: probe, report: { heapUsed, external } });
	});
});
// The channel alone must not keep a server running after it is told to stop.
process.channel?.unref();
