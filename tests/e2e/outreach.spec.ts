// A letter to a provider picked from the directory, by keyboard: the picker fills the addressee, and
// the provider's timeline shows the letter without anyone typing it in.
import { expect, test } from '@playwright/test';
import { addClient, newTrainer, signUp, UUID } from './helpers.ts';

test('a letter to a provider picked by keyboard fills the addressee and appears on their timeline', async ({ page }) => {
	await signUp(page, newTrainer('outreach'));
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const form = page.getByRole('region', { name: 'Add a provider' });
	await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Dr Ana Reyes');
	await form.getByRole('textbox', { name: 'Practice name', exact: true }).fill('Riverside Orthopaedics');
	await form.getByRole('button', { name: 'Save provider' }).click();
	await expect(page).toHaveURL(new RegExp(`/providers/${UUID}$`));
	const providerUrl = page.url();
	// The new-document form lists the directory as the server stored it.
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

	await addClient(page, 'Carla Client');
	await page.getByLabel('Kind').selectOption({ label: 'Introductory letter to a physician' });
	await expect(page.getByLabel('Also add to my provider directory')).toBeChecked();
	const picker = page.getByLabel('Provider from your directory');
	await picker.focus();
	await page.keyboard.press('ArrowDown');
	await expect(picker).toHaveAccessibleDescription('Fills in their details, and logs “Letter or email sent” on their timeline.');
	await expect(page.getByLabel('Name, as you address them')).toHaveValue('Dr Ana Reyes');
	await expect(page.getByLabel('Practice or clinic')).toHaveValue('Riverside Orthopaedics');
	await expect(page.getByLabel('Also add to my provider directory')).toHaveCount(0);
	await page.getByLabel('Title').fill('Introducing our practice');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));

	await page.goto(providerUrl);
	const timeline = page.getByRole('list', { name: 'Touchpoints, newest first' });
	await expect(timeline).toContainText('Letter or email sent');
	await expect(timeline).toContainText('Letter drafted: Introducing our practice');
});
