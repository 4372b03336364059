// Dates in Chromium on a device whose own zone and locale are not the practice's: what the browser
// renders itself is written as the server writes it, in the practice's zone and locale (hydration
// would quietly rewrite a difference, so the check compares a client-side render with the server's).
import { expect, test } from '@playwright/test';
import { hydrated, newTrainer, signUp, UUID, visit } from './helpers.ts';

test.use({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });

test('the browser writes dates in the practice’s time zone and locale, not the device’s', async ({ page }) => {
	await signUp(page, newTrainer('dates'));
	await visit(page, '/account/email');
	await hydrated(page);
	await page.getByLabel('Your practice’s time zone').selectOption('Asia/Tokyo');
	await expect(page.getByLabel('How your practice writes dates')).toHaveValue('en-GB');
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');

	// Rendered by the browser (a client-side navigation), it reads as the server wrote it: Los Angeles
	// is 16 or 17 hours from Tokyo, so a time in the device's zone would differ.
	await page.getByRole('link', { name: 'Back to your account' }).click();
	const device = page.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem').first();
	await expect(device).toContainText('signed in');
	const signedIn = /signed in [^·]+/.exec((await device.textContent()) ?? '')?.[0].trim();
	expect(signedIn).toBeDefined();
	const fromServer = await (await page.request.get('/account')).text();
	expect(fromServer).toContain(signedIn!);

	// The directory is drawn on the device alone: a touchpoint's date in the practice's locale.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const form = page.getByRole('region', { name: 'Add a provider' });
	await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Dr Ana Reyes');
	await form.getByRole('button', { name: 'Save provider' }).click();
	await expect(page).toHaveURL(new RegExp(`/providers/${UUID}$`));
	const log = page.getByRole('form', { name: 'Log the first contact' });
	await log.getByLabel('Date').fill('2026-11-20');
	await log.getByLabel('Outcome').fill('Sent an introduction letter.');
	await log.getByRole('button', { name: 'Log touchpoint' }).click();
	// en-US, the device's own, would write "Fri, Nov 20, 2026".
	await expect(page.getByRole('list', { name: 'Touchpoints, newest first' })).toContainText('Fri, 20 Nov 2026');
});
