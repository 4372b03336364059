// Forms that work offline, in Chromium with the network truly off (tests/e2e/network.ts): a new
// client and a new document wait on the device and are created once when the connection returns;
// providers, touchpoints, referrals and measures (the practice and document Y.Docs) are made
// offline and reach the server; a form that needs the server says so and keeps what was typed.
import { expect, test } from '@playwright/test';
import { addClient, atPath, cacheForOffline, newTrainer, openElsewhere, signUp, UUID, visit, shot } from './helpers.ts';
import { Network } from './network.ts';

test('a client and a document created offline wait on the device and are created once on reconnect', async ({ page, context, browser }) => {
	const network = await Network.of(context);
	const trainer = newTrainer('offline-forms');
	await signUp(page, trainer);
	await addClient(page, 'Ada Online');
	const clientUrl = page.url();
	await cacheForOffline(page, ['/clients', clientUrl]);

	await network.offline();
	await visit(page, '/clients');
	await page.getByRole('button', { name: 'Add a client' }).click();
	const form = page.getByRole('region', { name: 'Add a client' });
	await form.getByLabel('Name').fill('Odile Offline');
	await form.getByLabel('Email').fill('odile@');
	await form.getByRole('button', { name: 'Save client' }).click();
	// Checked on the device before it is kept: what waits is what the server will take.
	await expect(form.getByRole('alert')).toContainText('Email: Enter an email address such as name@example.com');
	await expect(form.getByRole('alert')).toBeFocused();
	await form.getByLabel('Email').fill('odile@example.com');
	await form.getByRole('button', { name: 'Save client' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Odile Offline is kept on this device' })).toBeVisible();
	const waiting = page.getByRole('list', { name: 'Clients waiting to be added' });
	await expect(waiting).toContainText('Odile Offline');
	await expect(waiting).toContainText('Waiting to send');
	await shot(page, 'offline-client-waiting');

	await visit(page, clientUrl);
	await page.getByLabel('Title').fill('Gym notes, typed offline');
	await page.getByLabel('Kind').selectOption({ label: 'Blank document' });
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('list', { name: 'Documents waiting to be created' })).toContainText('Gym notes, typed offline');
	await expect(page).toHaveURL(atPath(new URL(clientUrl).pathname));

	// Closing the tab loses nothing: the outbox is in IndexedDB.
	await page.reload();
	await expect(page.getByRole('list', { name: 'Documents waiting to be created' })).toContainText('Gym notes, typed offline');

	await network.online();
	await expect(page.getByRole('link', { name: 'Gym notes, typed offline' })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByRole('list', { name: 'Documents waiting to be created' })).toHaveCount(0);
	await visit(page, '/clients');
	const table = page.getByRole('table', { name: 'Your clients' });
	await expect(table.getByRole('link', { name: 'Odile Offline' })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByRole('list', { name: 'Clients waiting to be added' })).toHaveCount(0);

	// Another device sees exactly one of each.
	const other = await openElsewhere(browser, trainer, '/clients');
	await expect(other.page.getByRole('table', { name: 'Your clients' }).getByRole('link', { name: 'Odile Offline' })).toHaveCount(1);
	await visit(other.page, clientUrl);
	await expect(other.page.getByRole('link', { name: 'Gym notes, typed offline' })).toHaveCount(1);
	await other.close();
});

test('sign-in says it needs a connection before sending, and keeps what was typed', async ({ page, context }) => {
	const trainer = newTrainer('offline-signin');
	await signUp(page, trainer);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(atPath('/signin'));
	await visit(page, '/signin');
	const network = await Network.of(context);
	await network.offline();
	await expect(page.getByText('Signing in needs a connection')).toBeVisible();
	await page.getByLabel('Email').fill(trainer.email);
	await page.getByLabel('Password').fill(trainer.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByLabel('Email')).toHaveValue(trainer.email);
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await shot(page, 'offline-signin');

	await network.online();
	await expect(page.getByText('Signing in needs a connection')).toBeHidden();
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(atPath('/clients'));
});

test('providers, touchpoints, referrals and measures made offline reach the server on reconnect', async ({ page, context, browser }) => {
	const network = await Network.of(context);
	const trainer = newTrainer('offline-yjs');
	await signUp(page, trainer);
	await addClient(page, 'Mo Measures');
	await page.getByLabel('Kind').selectOption({ label: 'Progress log' });
	await page.getByLabel('Title').fill('Log for measures');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
	const documentUrl = page.url();
	await expect(page.getByRole('form', { name: 'Record a measure' })).toBeVisible();
	await cacheForOffline(page, ['/providers', documentUrl]);

	await network.offline();
	await visit(page, documentUrl);
	const measure = page.getByRole('form', { name: 'Record a measure' });
	await measure.getByLabel('Measure').selectOption({ label: 'Timed up-and-go' });
	await measure.getByLabel('Date taken').fill('2026-11-02');
	await measure.getByLabel('Value', { exact: false }).fill('12.4');
	await measure.getByRole('button', { name: 'Add measure' }).click();
	await expect(measure.getByText(/Added Timed up-and-go: 12\.4 s/)).toBeVisible();

	await visit(page, '/providers');
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const add = page.getByRole('region', { name: 'Add a provider' });
	await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Dr Off Line');
	await add.getByRole('button', { name: 'Save provider' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dr Off Line' })).toBeVisible();
	const providerUrl = page.url();
	const log = page.getByRole('form', { name: 'Log the first contact' });
	await log.getByLabel('Outcome').fill('Left a letter at reception.');
	await log.getByRole('button', { name: 'Log touchpoint' }).click();
	const referral = page.getByRole('form', { name: 'Record a referral' });
	await referral.getByLabel('Client referred').selectOption({ label: 'Mo Measures' });
	await referral.getByRole('button', { name: 'Record referral' }).click();
	await expect(page.getByRole('list', { name: 'Referrals from Dr Off Line' })).toContainText('Mo Measures');

	// Each Y.Doc is sent by the page that holds it once the connection returns: the practice here,
	// the document when it is opened again (or at once, when marked "available offline").
	await network.online();
	await expect(page.getByText('All changes saved')).toBeVisible({ timeout: 20_000 });
	await visit(page, documentUrl);
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 20_000 });
	const other = await openElsewhere(browser, trainer, providerUrl);
	await expect(other.page.getByRole('heading', { level: 1, name: 'Dr Off Line' })).toBeVisible();
	await expect(other.page.getByRole('list', { name: 'Touchpoints, newest first' })).toContainText('Left a letter at reception.');
	await expect(other.page.getByRole('list', { name: 'Referrals from Dr Off Line' })).toContainText('Mo Measures');
	await visit(other.page, documentUrl);
	await expect(other.page.getByText('12.4 s').first()).toBeVisible();
	await other.close();
});
