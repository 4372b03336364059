// End-to-end tests: the BUILT app (`npm run build` first; `npm test` does) in Debian's Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// A port of its own per run unless E2E_PORT names one, so two runs on one machine do not collide;
// workers load this file again and inherit the runner's choice through the environment.
process.env.E2E_PORT ||= String(20_000 + (process.pid % 20_000));
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

// One fresh data folder per run. Playwright loads this file again in each worker; the workers
// inherit E2E_DATA_DIR from the runner, so only the runner creates (and later removes) the folder.
let dataDir = process.env.E2E_DATA_DIR;
if (!dataDir) {
	const created = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-e2e-'));
	process.env.E2E_DATA_DIR = dataDir = created;
	process.on('exit', () => fs.rmSync(created, { recursive: true, force: true }));
}

export default defineConfig({
	testDir: 'tests/e2e',
	workers: 1,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: 'list',
	// Generous: a long journey on a loaded 2-core machine takes twice its idle time; waits are condition-based.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		browserName: 'chromium',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		},
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'node server/index.ts',
		url: `${baseURL}/`,
		reuseExistingServer: false,
		timeout: 30_000,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			// Plain http on 127.0.0.1: no public origin, whatever the calling shell has set.
			ORIGIN: '',
			// One JSON line per request is the log an operator wants, not the one a test run's output can carry.
			LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
			// The project's own Node 24 (the `node` dependency), however Playwright itself was started.
			PATH: `${path.join(import.meta.dirname, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`
		},
		// SIGTERM lets the server store open documents and close the database before it exits.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 }
	}
});
