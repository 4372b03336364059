// `npm start`, first half: builds the app only when build/ is missing or older than its sources
// (server/build/stamp.ts), then leaves the serving to server/index.ts. A production host that
// builds elsewhere runs `npm run serve` instead and needs no dev dependencies.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { staleReason } from '../build/stamp.ts';

const root = path.resolve(import.meta.dirname, '../..');
const reason = staleReason(root);
if (reason === null) {
	console.log('The build is current: not building again.');
	process.exit(0);
}
console.log(`Building the app, because ${reason}.`);
let vite: string;
try {
	vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
} catch {
	console.error('Building needs the dev dependencies (vite is not installed): run `npm ci`, or build elsewhere and start with `npm run serve`.');
	process.exit(1);
}
const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
