import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		alias: {
			// Domain code shared by the SvelteKit routes and the Node entry point (server/index.ts).
			$server: 'server'
		},
		// Registered by the workspace layout only: a provider opening a share link has no use for
		// an offline copy of the workspace, and must not download one.
		serviceWorker: { register: false }
	}
};

export default config;
