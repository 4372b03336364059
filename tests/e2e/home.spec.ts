// The home screen a trainer plans a day by, in Chromium: first steps on an empty practice, each
// client with consent, last activity, last report and next report due, searched and sorted, beside
// the follow-ups due; the report schedule is a practice setting.
import { expect, test } from '@playwright/test';
import { addClient, newTrainer, signUp, visit, shot } from './helpers.ts';

test('an empty practice says what to do first', async ({ page }) => {
	await signUp(page, newTrainer('empty'));
	await expect(page.getByText('No clients yet.')).toBeVisible();
	await expect(page.getByText('a name is enough')).toBeVisible();
	await expect(page.getByRole('region', { name: /Follow-ups due/ })).toContainText('Add the providers you want referrals from');
	await shot(page, 'home-empty');
});

test('clients are listed with what to plan by, searched, sorted, and the report schedule changed', async ({ page }) => {
	await signUp(page, newTrainer('home'));
	for (const name of ['Bea Okafor', 'Al Moreno', 'Cy Lund']) await addClient(page, name);
	await visit(page, '/clients');
	const table = page.getByRole('table', { name: 'Your clients' });
	for (const header of ['Client', 'Consent', 'Last activity', 'Last report shared', 'Next report due']) {
		await expect(table.getByRole('columnheader', { name: header })).toBeVisible();
	}
	const rows = table.getByRole('row');
	await expect(rows).toHaveCount(4);
	await expect(rows.nth(1)).toContainText('No consent yet');
	await expect(rows.nth(1)).toContainText('None yet');
	await expect(rows.nth(1)).toContainText('In 28 days');
	await shot(page, 'home-clients');

	await page.getByLabel('Sort by').selectOption({ label: 'Name' });
	await expect(page).toHaveURL(/\?sort=name$/);
	await expect(rows.nth(1)).toContainText('Al Moreno');
	await expect(rows.nth(3)).toContainText('Cy Lund');

	await page.getByLabel('Search').fill('oka');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText('Bea Okafor');
	await expect(page.getByText('1 of 3 clients match.')).toBeVisible();
	await page.getByLabel('Search').fill('nobody');
	await expect(page.getByText('No client matches “nobody”.')).toBeVisible();
	await page.getByLabel('Search').fill('');

	await page.getByLabel('A progress report is due every').selectOption({ label: '2 weeks' });
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved: every 2 weeks.' })).toBeVisible();
	await expect(rows.nth(1)).toContainText('In 14 days');
	await page.reload();
	await expect(page.getByLabel('A progress report is due every')).toHaveValue('14');
});
