// Local-first, end to end: the app opens and edits with the network off (service worker and
// IndexedDB), and every offline edit reaches the server and the other editors once it is back.
import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test, type Page, type Route } from '@playwright/test';
import { acceptInvitationAndConsent, cacheForOffline, editorOf, inviteClient, newDocument, openElsewhere, syncStatus, typeAtEnd, visit } from './helpers.ts';
import { Network } from './network.ts';

type FirstScreenWindow = Window & { firstScreenSeen?: string };

/** Init script: notes the document's first screen as the page shows it before any editor exists. */
function watchFirstScreen(): void {
	const observer = new MutationObserver(() => {
		if (document.querySelector('[role="textbox"]')) return observer.disconnect();
		const text = document.querySelector('[data-first-screen]')?.textContent;
		if (text) (window as FirstScreenWindow).firstScreenSeen = text;
	});
	observer.observe(document, { childList: true, subtree: true });
}

/** The first screen kept in the copy of the document (its name ends with `suffix`) on this device, in y-indexeddb's "custom" store. */
async function keptFirstScreen(suffix: string): Promise<string> {
	const database = (await indexedDB.databases()).find((found) => found.name?.startsWith('bridgework/') && found.name.endsWith(suffix))?.name;
	if (!database) return '';
	return new Promise((resolve) => {
		const request = indexedDB.open(database);
		request.onerror = () => resolve('');
		request.onsuccess = () => {
			const get = request.result.transaction('custom').objectStore('custom').get('first-screen');
			get.onsuccess = () => {
				request.result.close();
				resolve(typeof get.result === 'string' ? get.result : '');
			};
		};
	});
}

test('with the network off: reload, open the client list and the document, edit; back online it syncs', async ({ page, context, browser }) => {
	const network = await Network.of(context);
	const { trainer, title, url } = await newDocument(page, 'offline', 'Odile Ferrand');
	await typeAtEnd(page, editorOf(page, title), 'Typed online.');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await cacheForOffline(page, ['/clients', url]);
	// Once the edits settle, the text is kept on the device as the document's first screen.
	await expect.poll(() => page.evaluate(keptFirstScreen, `/doc:${url.split('/').pop()}`), { timeout: 10_000 }).toContain('Typed online.');

	await page.addInitScript(watchFirstScreen);
	await network.offline();
	await page.reload();
	await expect(editorOf(page, title)).toContainText('Typed online.');
	// The text was on the page before there was an editor; the editor then took its place.
	expect(await page.evaluate(() => (window as FirstScreenWindow).firstScreenSeen)).toContain('Typed online.');
	await expect(page.getByText('Typed online.')).toHaveCount(1);
	await expect(syncStatus(page)).toHaveText('Offline · edits are kept on this device');
	await typeAtEnd(page, editorOf(page, title), 'Typed offline in the gym.', true);
	await expect(syncStatus(page)).toHaveText('Offline · 1 unsynced change kept on this device');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
	// The document names its client in a link too: only the list's heading shows the page has changed.
	await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Odile Ferrand' })).toBeVisible();
	await page.goBack();
	await expect(editorOf(page, title)).toContainText('Typed offline in the gym.');

	await network.online();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 15_000 });
	const other = await openElsewhere(browser, trainer, url);
	await expect(editorOf(other.page, title)).toContainText('Typed offline in the gym.');
	await other.close();
});

test('on a connection that neither answers nor fails, the document opens from the device within seconds', async ({ page, context, browser }) => {
	const { trainer, title, url } = await newDocument(page, 'stalled', 'Sana Okafor');
	await typeAtEnd(page, editorOf(page, title), 'Kept for the train ride.');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await cacheForOffline(page, [url]);
	// From now on the server never answers for the page, and the connection never fails either.
	const pathname = new URL(url).pathname;
	const held: Route[] = [];
	await context.route(
		(address) => address.pathname === pathname || address.pathname === `${pathname}/__data.json`,
		(route) => void held.push(route)
	);
	await page.reload();
	await expect(editorOf(page, title)).toContainText('Kept for the train ride.');
	// The page came from the device: the service worker asked the network, which is still silent.
	expect(held.length).toBeGreaterThan(0);

	// The server's answer, when it comes at last, is what the device keeps for next time.
	const renamed = `${title} (renamed)`;
	const other = await openElsewhere(browser, trainer, url);
	await other.page.getByRole('button', { name: 'Rename' }).click();
	await other.page.getByLabel('Title').fill(renamed);
	await other.page.getByRole('button', { name: 'Save title' }).click();
	await expect(other.page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
	await other.close();
	await Promise.all(held.map((route) => route.continue().catch(() => undefined)));
	const keptPage = (key: string) =>
		caches
			.open('bridgework-pages')
			.then((cache) => cache.match(key, { ignoreVary: true }))
			.then((kept) => kept?.text() ?? '');
	await expect.poll(() => page.evaluate(keptPage, url)).toContain(renamed);
});

test('trainer and client both edit offline, reconnect, and end with the same text', async ({ browser }) => {
	// Two browsers, each reconnecting: room for a provider retry that backed off while offline.
	test.setTimeout(120_000);
	const trainerContext = await browser.newContext();
	const clientContext = await browser.newContext();
	try {
		const trainerNetwork = await Network.of(trainerContext);
		const clientNetwork = await Network.of(clientContext);
		const trainerPage = await trainerContext.newPage();
		const clientPage = await clientContext.newPage();
		const clientName = 'Bea Okafor';
		const { title, url } = await newDocument(trainerPage, 'merge', clientName);
		await trainerPage.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: clientName }).click();
		await acceptInvitationAndConsent(clientPage, await inviteClient(trainerPage, clientName), clientName);
		await visit(trainerPage, url);
		await visit(clientPage, url);
		await typeAtEnd(trainerPage, editorOf(trainerPage, title), 'Shared first line.');
		await expect(editorOf(clientPage, title)).toContainText('Shared first line.');

		await Promise.all([trainerNetwork.offline(), clientNetwork.offline()]);
		await typeAtEnd(trainerPage, editorOf(trainerPage, title), 'Trainer, offline: balance 20 s.', true);
		await typeAtEnd(clientPage, editorOf(clientPage, title), 'Client, offline: slept well.', true);
		await expect(syncStatus(trainerPage)).toContainText('Offline');
		await expect(editorOf(trainerPage, title)).not.toContainText('Client, offline');

		await Promise.all([trainerNetwork.online(), clientNetwork.online()]);
		for (const page of [trainerPage, clientPage]) {
			// The app reconnects when the browser says it is online; should that word come late, the
			// provider's own retry (backed off up to 30 s while offline) still brings it back.
			await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 45_000 });
			await expect(editorOf(page, title)).toContainText('Trainer, offline: balance 20 s.');
			await expect(editorOf(page, title)).toContainText('Client, offline: slept well.');
		}
		const text = (page: Page) => editorOf(page, title).getByRole('paragraph').allTextContents();
		const strip = (lines: string[]) => lines.map((line) => line.replace(/(Tess|Trainer merge \S+|Bea Okafor)$/, ''));
		expect(strip(await text(trainerPage))).toEqual(strip(await text(clientPage)));
	} finally {
		await trainerContext.close();
		await clientContext.close();
	}
});

test('edits made offline in a tab that was closed reach the server when the app is opened again', async ({ page, context, browser }) => {
	const network = await Network.of(context);
	const { trainer, title, url } = await newDocument(page, 'closed', 'Cas Moreau');
	await cacheForOffline(page, [url]);
	await network.offline();
	await typeAtEnd(page, editorOf(page, title), 'Written offline, then the tab was closed.');
	await expect(syncStatus(page)).toContainText('1 unsynced change');
	// IndexedDB commits a moment after the keystroke; a person closes a tab later than the same
	// millisecond, and a closing renderer may drop a transaction still in flight.
	await page.waitForTimeout(300);
	await page.close();

	await network.online();
	const again = await context.newPage();
	await visit(again, url);
	await expect(syncStatus(again)).toHaveText('All changes saved', { timeout: 15_000 });
	const other = await openElsewhere(browser, trainer, url);
	await expect(editorOf(other.page, title)).toContainText('Written offline, then the tab was closed.');
	await other.close();
});

test('a session that expires while offline keeps the edits until the person signs in again', async ({ page, context, browser }) => {
	const network = await Network.of(context);
	const { trainer, title, url } = await newDocument(page, 'expiry', 'Ida Lind');
	await cacheForOffline(page, [url]);
	await network.offline();
	await typeAtEnd(page, editorOf(page, title), 'Typed while my session ran out.');

	// The session ends on the server while the device is offline (as 30 days away would).
	const db = new Database(path.join(process.env.E2E_DATA_DIR ?? '', 'bridgework.sqlite'));
	db.prepare('delete from sessions where user_id = (select id from users where email = ?)').run(trainer.email);
	db.close();

	await network.online();
	await expect(syncStatus(page)).toHaveText('Signed out · 1 unsynced change kept on this device', { timeout: 15_000 });
	await page.getByRole('link', { name: 'Sign in again' }).click();
	await page.getByLabel('Email').fill(trainer.email);
	await page.getByLabel('Password').fill(trainer.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(url);
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 15_000 });
	const other = await openElsewhere(browser, trainer, url);
	await expect(editorOf(other.page, title)).toContainText('Typed while my session ran out.');
	await other.close();
});

test('signing out clears this person’s documents and cached pages from the device', async ({ page }) => {
	const { title, url } = await newDocument(page, 'shared-device', 'Noor Haddad');
	await typeAtEnd(page, editorOf(page, title), 'Private notes about Noor.');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await cacheForOffline(page, ['/clients', url]);
	const stored = () =>
		page.evaluate(async () => ({
			databases: (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('bridgework/')),
			caches: (await caches.keys()).filter((key) => key === 'bridgework-pages'),
			keys: Object.keys(localStorage).filter((key) => key.startsWith('bridgework:') && key !== 'bridgework:last-user')
		}));
	expect((await stored()).databases.length).toBeGreaterThan(0);
	expect((await stored()).caches).toEqual(['bridgework-pages']);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin/);
	expect(await stored()).toEqual({ databases: [], caches: [], keys: [] });
});
