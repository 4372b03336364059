// Correcting and removing records, as a trainer would in Chromium: edit a client's details,
// rename a document, archive and restore a client, delete a document to the trash and restore it;
// correct a touchpoint and a referral, merge two entries for one provider, archive and delete one.
import { expect, test, type Page } from '@playwright/test';
import { addClient, createProgressLog, newTrainer, signUp, UUID, visit, shot } from './helpers.ts';

test('a client’s details are corrected, the client archived with a real dialog, found under Archived and restored', async ({ page }) => {
	await signUp(page, newTrainer('records'));
	await addClient(page, 'Marta Typo');
	await page.getByRole('button', { name: 'Edit details' }).click();
	const edit = page.getByRole('region', { name: 'Edit details' });
	await edit.getByLabel('Email').fill('marta@');
	await edit.getByRole('button', { name: 'Save details' }).click();
	await expect(edit.getByRole('alert')).toBeFocused();
	await expect(edit.getByLabel('Email')).toHaveAccessibleDescription(/Enter an email address such as name@example\.com/);
	await edit.getByLabel('Name').fill('Marta Tippo');
	await edit.getByLabel('Email').fill('marta.tippo@example.com');
	await edit.getByRole('button', { name: 'Save details' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Details saved.' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Marta Tippo' })).toBeVisible();
	await expect(page.getByText('marta.tippo@example.com')).toBeVisible();

	// The confirmation is a modal dialog: focus goes to Cancel, Escape closes it and nothing changes.
	const archive = page.getByRole('button', { name: 'Archive…' });
	await archive.click();
	const dialog = page.getByRole('dialog', { name: 'Archive Marta Tippo?' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await expect(dialog).toContainText('No share link is open.');
	await expect(dialog).toContainText('Consent records and the audit trail of what was shared are never deleted');
	await shot(page, 'client-archive-dialog');
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(archive).toBeFocused();

	await archive.press('Enter');
	await dialog.getByRole('button', { name: 'Archive Marta Tippo' }).click();
	await expect(page.getByText('The record is kept and read only')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Edit details' })).toHaveCount(0);
	await shot(page, 'client-archived');

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
	await expect(page.getByRole('list', { name: 'Your clients' })).toHaveCount(0);
	await page.getByText('1 archived client').click();
	await page.getByRole('list', { name: 'Archived clients' }).getByRole('link', { name: 'Marta Tippo' }).click();
	await page.getByRole('button', { name: 'Restore Marta Tippo' }).click();
	await expect(page.getByRole('button', { name: 'Edit details' })).toBeVisible();
});

test('a document is renamed, deleted to the trash, and restored from it', async ({ page }) => {
	await signUp(page, newTrainer('trash'));
	await addClient(page, 'Theo Trash');
	const url = await createProgressLog(page, 'Progres log');
	await page.getByRole('button', { name: 'Rename' }).click();
	await page.getByLabel('Title').fill('Progress log, spring');
	await page.getByRole('button', { name: 'Save title' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Progress log, spring' })).toBeVisible();

	await page.getByRole('button', { name: 'Delete…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete “Progress log, spring”?' });
	await expect(dialog).toContainText('restore it from the trash for 30 days');
	await dialog.getByRole('button', { name: 'Move to the trash' }).click();
	await expect(page).toHaveURL(new RegExp(`/clients/${UUID}\\?removed=document$`));
	await expect(page.getByRole('link', { name: 'Progress log, spring' })).toHaveCount(0);

	await visit(page, '/trash');
	const trash = page.getByRole('list', { name: 'Deleted clients and documents' });
	await expect(trash).toContainText('Progress log, spring');
	await expect(trash).toContainText('Document of Theo Trash');
	await shot(page, 'trash');
	await trash.getByRole('button', { name: 'Restore Progress log, spring' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Restored.' })).toBeVisible();
	await visit(page, url);
	await expect(page.getByRole('heading', { level: 1, name: 'Progress log, spring' })).toBeVisible();
});

async function addProvider(page: Page, name: string, phone = '') {
	await visit(page, '/providers');
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const form = page.getByRole('region', { name: 'Add a provider' });
	await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
	if (phone) await form.getByRole('textbox', { name: 'Phone', exact: true }).fill(phone);
	await form.getByRole('button', { name: 'Save provider' }).click();
	await expect(page).toHaveURL(new RegExp(`/providers/${UUID}$`));
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	return page.url();
}

test('a touchpoint and a referral are corrected, duplicates merged with both histories, a provider archived, deleted and restored', async ({ page }) => {
	await signUp(page, newTrainer('providers'));
	await addProvider(page, 'Dr Ana Reyes');
	const log = page.getByRole('form', { name: 'Log the first contact' });
	await log.getByLabel('Outcome').fill('Sent the intro leter.');
	await log.getByRole('button', { name: 'Log touchpoint' }).click();
	const timeline = page.getByRole('list', { name: 'Touchpoints, newest first' });
	await timeline.getByRole('button', { name: /^Edit letter or email sent/ }).click();
	const editTouchpoint = page.getByRole('form', { name: 'Edit touchpoint' });
	await editTouchpoint.getByLabel('Kind of touchpoint').selectOption({ label: 'Call' });
	await editTouchpoint.getByLabel('Outcome').fill('Called Pat, the office manager.');
	await editTouchpoint.getByRole('button', { name: 'Save touchpoint' }).click();
	await expect(timeline).toContainText('Called Pat, the office manager.');
	await expect(timeline.getByText('Call', { exact: true })).toBeVisible();

	const referral = page.getByRole('form', { name: 'Record a referral' });
	await referral.getByLabel('Client referred').selectOption({ label: 'Someone not yet a client' });
	await referral.getByLabel('Name of the person referred').fill('Ola Nordman');
	await referral.getByRole('button', { name: 'Record referral' }).click();
	const referrals = page.getByRole('list', { name: 'Referrals from Dr Ana Reyes' });
	await referrals.getByRole('button', { name: 'Edit the referral of Ola Nordman' }).click();
	const editReferral = page.getByRole('form', { name: 'Edit referral' });
	await editReferral.getByLabel('Name of the person referred').fill('Ola Nordmann');
	await editReferral.getByLabel('Note').fill('Knee replacement, cleared for exercise.');
	await editReferral.getByRole('button', { name: 'Save referral' }).click();
	await expect(referrals).toContainText('Ola Nordmann');
	await expect(referrals).toContainText('Knee replacement, cleared for exercise.');

	// The same provider entered twice (say, on the phone while offline): merge keeps both histories.
	const duplicate = await addProvider(page, 'dr ana reyes', '(555) 010-9999');
	const duplicateLog = page.getByRole('form', { name: 'Log the first contact' });
	await duplicateLog.getByLabel('Outcome').fill('Dropped off brochures.');
	await duplicateLog.getByRole('button', { name: 'Log touchpoint' }).click();
	await expect(page.getByRole('list', { name: 'Touchpoints, newest first' })).toContainText('Dropped off brochures.');
	await page.getByRole('link', { name: 'Dr Ana Reyes', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dr Ana Reyes' })).toBeVisible();
	await page.getByRole('button', { name: 'Merge into this entry…' }).click();
	await shot(page, 'provider-merge-dialog');
	await page
		.getByRole('dialog', { name: /Merge the two entries/ })
		.getByRole('button', { name: 'Merge' })
		.click();
	await expect(timeline).toContainText('Dropped off brochures.');
	await expect(timeline).toContainText('Called Pat, the office manager.');
	await expect(page.getByText('(555) 010-9999')).toBeVisible();
	await visit(page, duplicate);
	await expect(page.getByRole('heading', { level: 1, name: 'Provider not found' })).toBeVisible();
	await page.goBack();

	await page.getByRole('button', { name: 'Archive…' }).click();
	await page.getByRole('dialog', { name: 'Archive Dr Ana Reyes?' }).getByRole('button', { name: 'Archive Dr Ana Reyes' }).click();
	await expect(page.getByText('Archived: kept with its history')).toBeVisible();
	await visit(page, '/providers');
	await expect(page.getByRole('table')).toHaveCount(0);
	await page.getByLabel('Search').fill('reyes');
	await expect(page.getByRole('list', { name: 'Archived providers' }).getByRole('link', { name: 'Dr Ana Reyes' })).toBeVisible();
	await page.getByRole('list', { name: 'Archived providers' }).getByRole('link', { name: 'Dr Ana Reyes' }).click();

	await page.getByRole('button', { name: 'Delete…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete Dr Ana Reyes?' });
	await expect(dialog).toContainText('3 touchpoints and 1 referral record');
	await dialog.getByRole('button', { name: 'Move Dr Ana Reyes to the trash' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Moved to the trash' })).toBeVisible();
	await visit(page, '/trash');
	const trashed = page.getByRole('list', { name: 'Deleted providers' });
	await expect(trashed).toContainText('Dr Ana Reyes');
	await trashed.getByRole('button', { name: 'Restore Dr Ana Reyes' }).click();
	await expect(page.getByText('Dr Ana Reyes is back in your directory.')).toBeVisible();
	await visit(page, '/providers');
	await expect(page.getByRole('table').getByRole('link', { name: 'Dr Ana Reyes' })).toBeVisible();
});
