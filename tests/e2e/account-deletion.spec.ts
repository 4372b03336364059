// A trainer deletes their account in Chromium: offered the export, refused a wrong password next
// to the field, then signed out onto the page that says the account is deleted.
import { expect, test } from '@playwright/test';
import { addClient, atPath, newTrainer, signUp, visit } from './helpers.ts';

test('a trainer deletes the account and practice, given the password', async ({ page }) => {
	const trainer = newTrainer('deleting');
	await signUp(page, trainer);
	await addClient(page, 'Dora Delete');
	await visit(page, '/account');
	const section = page.getByRole('region', { name: 'Delete my account' });
	await expect(section.getByRole('link', { name: 'export the whole practice' })).toHaveAttribute('href', '/settings/export');
	await expect(section.getByText(/1 client record and\s+0 documents/)).toBeVisible();

	const password = section.getByLabel('Current password');
	await password.fill('not the password');
	await section.getByRole('button', { name: 'Delete my account and practice' }).click();
	await expect(password).toHaveAccessibleDescription(/That is not your current password\./);
	await expect(page).toHaveURL(atPath('/account'));
	// The refusal's summary takes focus and leads back to the field.
	const summary = section.getByRole('alert');
	await expect(summary).toBeFocused();
	await summary.getByRole('link', { name: 'Current password: That is not your current password.' }).click();
	await expect(password).toBeFocused();

	await password.fill(trainer.password);
	await section.getByRole('button', { name: 'Delete my account and practice' }).click();
	await expect(page).toHaveURL(atPath('/account/deleted'));
	await expect(page.getByRole('heading', { level: 1, name: 'Your account is deleted' })).toBeVisible();

	await page.goto('/clients');
	await expect(page).toHaveURL(atPath('/signin'));
});
