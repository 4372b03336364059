// `npm run bench:access`: how long each change of access takes to close the live connections it
// touches, measured from just before the change is made (the HTTP request sent, the row written,
// the server's clock moved past the end) to the moment the real provider client sees the close.
// Each change runs RUNS times against one real server (a build is needed); a run counts the last
// of its connections to close. The target is ≤ 1 s; the watcher's tick (100 ms) bounds the wait.
import { ACCESS_TICK_MS } from '../../server/collab/AccessExtension.ts';
import { accessScenarios, runScenario } from '../integration/helpers/access-scenarios.ts';
import { startServer } from '../integration/helpers/server.ts';
import { median, table } from './measure.ts';

const RUNS = Number(process.env.RUNS ?? 10);
const server = await startServer({ fakeClock: true });
const rows: Array<Record<string, string>> = [];
try {
	// Moving the clock ends everything older at once, so the time-based ends run last.
	const ordered = [...accessScenarios.filter((s) => !s.clock), ...accessScenarios.filter((s) => s.clock)];
	for (const scenario of ordered) {
		const perRun: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const { latencies, destroy } = await runScenario(server, scenario);
			destroy();
			if (latencies.length) perRun.push(Math.max(...latencies));
		}
		rows.push({
			'access change': scenario.name,
			closes: perRun.length ? `${perRun.length} × ${RUNS}` : 'nothing (unchanged)',
			'median ms': perRun.length ? median(perRun).toFixed(0) : '',
			'worst ms': perRun.length ? Math.max(...perRun).toFixed(0) : ''
		});
		console.error(`… ${scenario.name}`);
	}
	console.log(table(rows));
	console.log(`\n${RUNS} runs each; a run is the last of its connections to close. Watcher tick ${ACCESS_TICK_MS} ms. Node ${process.versions.node}.`);
} finally {
	await server.stop();
}
