// The provider's share page is server-rendered without SvelteKit's client: its HTML carries no
// script and no script preload but the one inline loader at its end (which the browser runs only
// once the page has painted), and the live script that loader names is served as JavaScript,
// compressed, and allowed by the page's Content-Security-Policy.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_LOADER } from '../../src/lib/sharing/live-loader.js';
import { postForm, sharedReport } from './helpers/accounts.ts';
import { pageData } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

function decodeAttribute(text: string): string {
	return text
		.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

describe('the share page without SvelteKit’s client', () => {
	it('has no script or script preload before its live loader, which runs only the allowed text', async () => {
		const { token } = await sharedReport(server);
		const response = await fetch(`${server.url}/s/${token}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).not.toMatch(/rel="?modulepreload/);
		expect(response.headers.get('link') ?? '').not.toMatch(/modulepreload|as=script/);

		const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
		expect(scripts).toHaveLength(1);
		const [loader] = scripts;
		const [whole = '', attributes = '', text = ''] = loader ?? [];
		expect(text).toBe(LIVE_LOADER);
		// Everything it enhances comes before it: the report, the answer form, the end of the page body.
		expect(html.indexOf(whole)).toBeGreaterThan(html.indexOf('</form>'));
		expect(html.indexOf('<script')).toBe(html.indexOf(whole));

		// The page's CSP admits exactly this inline text, by its hash, and no inline script else.
		const csp = response.headers.get('content-security-policy') ?? '';
		const scriptSrc = csp.split(';').find((directive) => directive.trim().startsWith('script-src')) ?? '';
		expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
		expect(scriptSrc).not.toContain('unsafe-inline');

		const src = decodeAttribute(/data-src="([^"]*)"/.exec(attributes)?.[1] ?? '');
		expect(src).toMatch(/^\/_app\/share-page-live\.js\?v=/);
		const page = JSON.parse(decodeAttribute(/data-page="([^"]*)"/.exec(attributes)?.[1] ?? '')) as { live?: { token: string } };
		expect(page.live?.token).toBe(token);

		const script = await fetch(`${server.url}${src}`, { headers: { 'accept-encoding': 'gzip' } });
		expect(script.status).toBe(200);
		expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript\b/);
		expect(script.headers.get('content-encoding')).toBe('gzip');
		const body = await script.text();
		// A module importing the client build's own chunks, which are served as JavaScript too.
		const chunk = /from"(\.\/immutable\/chunks\/[^"]+\.js)"/.exec(body)?.[1];
		expect(chunk).toBeDefined();
		const imported = await fetch(new URL(chunk!, `${server.url}${src}`));
		expect(imported.status).toBe(200);
		expect(imported.headers.get('content-type')).toMatch(/^(text|application)\/javascript\b/);
	});

	it('renders a sent version the same way: the loader its only script, with no live report to follow', async () => {
		const { trainer, documentId, token } = await sharedReport(server);
		expect((await postForm(server, `/documents/${documentId}/sharing?/send`, { note: '' }, trainer.cookie)).status).toBe(200);
		const versionId = (await pageData<{ versions: { id: string }[] }>(server, `/s/${token}`)).versions[0]?.id;
		const response = await fetch(`${server.url}/s/${token}/v/${versionId}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).not.toMatch(/rel="?modulepreload/);
		const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
		expect(scripts.map((script) => script[2])).toEqual([LIVE_LOADER]);
		const page = JSON.parse(decodeAttribute(/data-page="([^"]*)"/.exec(scripts[0]?.[1] ?? '')?.[1] ?? '')) as { live?: unknown };
		expect(page.live).toBeUndefined();
	});

	it('answers a refused plain form post with its summary focused on load, and no script but the loader', async () => {
		const { token } = await sharedReport(server);
		const response = await postForm(server, `/s/${token}?/reply`, { body: 'Thanks' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toMatch(/<div class="error-summary[^"]*" role="alert" tabindex="-1"[^>]*autofocus/);
		expect(html).toContain('Choose whether you acknowledge receipt, ask a question or give input.');
		expect([...html.matchAll(/<script\b/g)]).toHaveLength(1);
	});
});
