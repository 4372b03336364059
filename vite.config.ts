import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

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
			const upgrade = collabUpgradeHandler(started.collab, started.config.address);
			server.httpServer?.on('upgrade', (req, socket, head) => {
				upgrade(req, socket, head);
			});
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), collabDevServer()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['server/**/*.test.ts', 'src/**/*.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
