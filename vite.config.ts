import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import path from 'node:path';
import { writeStamp } from './server/build/stamp.ts';
import { LIVE_SCRIPT_PATH } from './src/lib/sharing/live-loader.js';

/** `npm run dev`: the same /collab endpoint on Vite's own server, so sync works in the dev loop. */
function collabDevServer(): Plugin {
	return {
		name: 'bridgework-collab',
		// Only for `vite dev`: Vitest also runs Vite's serve hooks, and must not open ./data.
		apply: (_config, { command }) => command === 'serve' && !process.env.VITEST,
		async configureServer(server) {
			const { startServices } = await import('./server/services.ts');
			const { collabUpgradeHandler } = await import('./server/collab/upgrade.ts');
			const started = await startServices();
			started.mailer.start();
			const upgrade = collabUpgradeHandler(started.collab, started.config.address);
			server.httpServer?.on('upgrade', (req, socket, head) => {
				upgrade(req, socket, head);
			});
		}
	};
}

/**
 * `vite build`: writes build/.bridgework-build.json once the adapter has written build/, listing
 * the project files the server bundle holds (server/ modules reached through $server among them),
 * so that `npm start` rebuilds only when one of them, or anything in src/ or static/, is newer.
 */
function buildStamp(): Plugin {
	const startedAt = Date.now();
	const inputs = new Set<string>();
	let root = process.cwd();
	let ssr = false;
	return {
		name: 'bridgework-build-stamp',
		apply: 'build',
		configResolved(config) {
			root = config.root;
			ssr = Boolean(config.build.ssr);
		},
		generateBundle() {
			for (const id of this.getModuleIds()) {
				const file = id.split('?')[0] ?? '';
				if (!path.isAbsolute(file) || file.includes('/node_modules/')) continue;
				const relative = path.relative(root, file);
				if (!relative.startsWith('..') && !relative.startsWith('.svelte-kit')) inputs.add(relative);
			}
		},
		// After SvelteKit's own closeBundle (sequential), in which the adapter writes build/.
		closeBundle: {
			sequential: true,
			order: 'post',
			handler() {
				if (ssr) writeStamp(root, { startedAt, inputs: [...inputs].sort() });
			}
		}
	};
}

/**
 * The provider's share page runs no SvelteKit client (csr = false); its one script, which the page
 * loads after its first paint, is an entry of the client build of its own, so Svelte compiles it
 * for the browser and it shares chunks with nothing the page does not need. Written under a fixed
 * name, which the server render writes into the page (src/lib/sharing/live-loader.js); the page
 * adds the build's version to the URL, so a deploy is never served a cached copy.
 */
function sharePageScript(): Plugin {
	let ssr = false;
	return {
		name: 'bridgework-share-page-script',
		apply: 'build',
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
		},
		buildStart() {
			if (!ssr) this.emitFile({ type: 'chunk', id: path.resolve('src/lib/sharing/share-page-live.svelte.ts'), fileName: LIVE_SCRIPT_PATH });
		}
	};
}

// The same suites run on both databases: `unit` and `integration` on SQLite (the default), and
// `unit-postgres` and `integration-postgres` on a real PostgreSQL and redis-server started once
// for the run (tests/postgres.global-setup.ts). What only one database has lives in files named
// *.sqlite.test.ts or *.postgres.test.ts, which run in that database's projects only. Every
// worker settles DATABASE_URL first (tests/databases.setup.ts).
const SQLITE_ONLY = '**/*.sqlite.test.ts';
const POSTGRES_ONLY = '**/*.postgres.test.ts';
const POSTGRES_SETUP = ['tests/postgres.global-setup.ts'];
const integration = { environment: 'node', include: ['tests/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
	plugins: [sveltekit(), collabDevServer(), buildStamp(), sharePageScript()],
	test: {
		expect: { requireAssertions: true },
		setupFiles: ['tests/databases.setup.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					// tests/bench: the benchmarks' own arithmetic (what a knee is), not the benchmarks.
					include: ['server/**/*.test.ts', 'src/**/*.test.ts', 'tests/bench/**/*.test.ts'],
					exclude: [...configDefaults.exclude, POSTGRES_ONLY]
				}
			},
			{
				extends: true,
				test: { name: 'integration', ...integration, exclude: [...configDefaults.exclude, POSTGRES_ONLY] }
			},
			{
				extends: true,
				test: {
					name: 'unit-postgres',
					environment: 'node',
					// src/ holds browser-side code, which no database reaches.
					include: ['server/**/*.test.ts'],
					exclude: [...configDefaults.exclude, SQLITE_ONLY],
					globalSetup: POSTGRES_SETUP
				}
			},
			{
				extends: true,
				test: { name: 'integration-postgres', ...integration, exclude: [...configDefaults.exclude, SQLITE_ONLY], globalSetup: POSTGRES_SETUP }
			}
		]
	}
});
