// The workspace as an installed app: Chromium reads its manifest and finds it installable, and a
// deploy reaches an open tab as "Reload to update", which keeps the edits not yet synced.
import { expect, test } from '@playwright/test';
import { cacheForOffline, editorOf, SCREENS, newDocument, openElsewhere, syncStatus, typeAtEnd } from './helpers.ts';
import { Network } from './network.ts';

test('the workspace has a manifest with icons and Chromium finds it installable', async ({ page, context }) => {
	const { url } = await newDocument(page, 'install', 'Ines Duarte');
	await cacheForOffline(page, [url]);
	const cdp = await context.newCDPSession(page);
	const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data?: string };
	expect(manifest.errors).toEqual([]);
	const parsed = JSON.parse(manifest.data ?? '{}') as { name?: string; start_url?: string; icons?: { src: string; sizes: string }[] };
	expect(parsed.name).toBe('Bridgework');
	expect(parsed.start_url).toBe('/clients');
	for (const icon of parsed.icons ?? []) {
		const response = await page.request.get(icon.src);
		expect(response.ok(), icon.src).toBe(true);
	}
	expect(parsed.icons?.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
	// Playwright's contexts are incognito, where Chromium never installs; every other reason (no
	// manifest, no suitable icon, no service worker handling fetches) would be listed beside it.
	expect(installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});

test('a deploy offers "Reload to update" in an open tab, and reloading keeps an edit not yet synced', async ({ page, context, browser }) => {
	const network = await Network.of(context);
	const { trainer, title, url } = await newDocument(page, 'update', 'Ola Berg');
	await cacheForOffline(page, ['/clients', url]);
	await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);

	// A new version is deployed: the version file names another build. The tab hears of it on its next move.
	await page.route('**/_app/version.json', (route) => route.fulfill({ json: { version: 'deployed-later' } }));
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
	await expect(page.getByText('A new version of Bridgework is ready.')).toBeVisible();
	// The notice can come before the list: go back only from the page the link leads to.
	await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
	await page.screenshot({ path: `${SCREENS}/update-available.png` });
	await page.goBack();
	await expect(editorOf(page, title)).toBeVisible();

	await network.offline();
	await typeAtEnd(page, editorOf(page, title), 'Typed just before reloading to update.');
	await expect(syncStatus(page)).toContainText('1 unsynced change');
	await page.unroute('**/_app/version.json');
	await page.getByRole('button', { name: 'Reload to update' }).click();
	await expect(editorOf(page, title)).toContainText('Typed just before reloading to update.');
	await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);

	await network.online();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 15_000 });
	const other = await openElsewhere(browser, trainer, url);
	await expect(editorOf(other.page, title)).toContainText('Typed just before reloading to update.');
	await other.close();
});
