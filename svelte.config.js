import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { LIVE_LOADER } from './src/lib/sharing/live-loader.js';

/** The share page's inline loader, the one inline script a page may run without SvelteKit's nonce. */
const liveLoaderHash = `sha256-${createHash('sha256').update(LIVE_LOADER).digest('base64')}`;

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
		serviceWorker: { register: false },
		// Every stylesheet a page needs is written into it (the largest, the app's own, is 24 KB, 5 KB
		// gzip): the page paints from its own HTML, without waiting for stylesheet requests. A
		// document opened offline shows its first screen at the browser's first paint, and the
		// service worker's kept copy of a page needs no other file to be read (issue 17.3).
		inlineStyleThreshold: 32_768,
		// Open tabs learn of a deploy and offer "Reload to update" (UpdateAvailable.svelte).
		version: { pollInterval: 5 * 60_000 },
		// The page's Content-Security-Policy. Scripts only from our origin, plus SvelteKit's own
		// inline start-up script, which it gives a per-response nonce (a hash on prerendered pages):
		// an injected <script>, inline handler or javascript: URL does not run. Styles allow
		// 'unsafe-inline', because style attributes come from Svelte's server-rendered `style:`
		// directives, ProseMirror/Tiptap's node views and Observable Plot's charts (a <style> element
		// per chart and style attributes on its marks), none of which can carry a nonce; injected CSS
		// cannot run code, and with images, fonts and connections held to our origin it cannot send
		// anything elsewhere either. connect-src 'self' covers the same-origin /collab WebSocket;
		// worker-src the service worker. Nothing may frame a page (share links included). The share
		// page, which runs no SvelteKit client, has one inline script of its own: allowed by its hash.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', liveLoaderHash],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'frame-src': ['none'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
