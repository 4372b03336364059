// The trainer's email settings in Chromium: the morning digest and the practice's time zone,
// offered from this device's zone until one is saved.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { hydrated, newTrainer, signUp, visit } from './helpers.ts';

test.use({ timezoneId: 'Asia/Tokyo' });

test('a trainer opts in to the morning digest in the practice’s own time zone, taken from the device', async ({ page }) => {
	await signUp(page, newTrainer('mornings'));
	await visit(page, '/account');
	await page.getByRole('link', { name: 'Email settings' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Email settings' })).toBeVisible();
	await hydrated(page);
	const zone = page.getByLabel('Your practice’s time zone');
	await expect(zone).toHaveValue('Asia/Tokyo');
	await expect(zone).toHaveAccessibleDescription('Taken from this device: save to keep it.');
	await expectNoAxeViolations(page, 'email settings');

	await page.getByLabel(/Email me each morning/).check();
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(zone).toHaveAccessibleDescription('When your morning is.');

	await page.reload();
	await hydrated(page);
	await expect(zone).toHaveValue('Asia/Tokyo');
	await expect(zone).toHaveAccessibleDescription('When your morning is.');
	await expect(page.getByLabel(/Email me each morning/)).toBeChecked();
});
