// `npm run bench`: the server's benchmarks, as ratios to a baseline measured in the same process.
// Not part of `npm test`: a benchmark reports, it does not pass or fail. The browser measurements
// are `npm run bench:browser` (tests/bench/browser.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../server/db/client.ts';
import { durabilityBenches } from './durability.ts';
import { table } from './measure.ts';
import { serverBenches } from './server-benches.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-bench-'));
const db = await openDatabase(dataDir);
try {
	const started = performance.now();
	const rows = [...(await serverBenches(db)), ...(await durabilityBenches())];
	console.log(table(rows));
	console.log(`\nMedians after warm-up runs; ${((performance.now() - started) / 1000).toFixed(1)} s in all, Node ${process.versions.node}.`);
} finally {
	await closeDatabase(db);
	fs.rmSync(dataDir, { recursive: true, force: true });
}
