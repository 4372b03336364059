// Referral relationships end to end, in Chromium against the built app: a provider, a first contact,
// the follow-up it plans on the home screen, one-click done; bad input; the directory's filters and a
// referral; and two devices of one trainer editing the directory offline, then converging.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test, type Trainer, UUID, visit } from './fixtures.ts';

/** The signed-in trainer's home screen, where each test begins. */
async function openHome(page: Page, trainer: Trainer): Promise<void> {
	await visit(page, '/clients');
	await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
	await expect(page.getByText(`Signed in as ${trainer.name}`)).toBeVisible();
}

/** Adds a provider from the directory and lands on their page. */
async function addProvider(page: Page, fields: { name: string; role?: string; specialty?: string; officeManager?: string; phone?: string }) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Providers' })).toBeVisible();
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const form = page.getByRole('region', { name: 'Add a provider' });
	await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
	if (fields.role) await form.getByLabel('Role').selectOption({ label: fields.role });
	if (fields.specialty) await form.getByRole('textbox', { name: 'Specialty', exact: true }).fill(fields.specialty);
	if (fields.phone) await form.getByRole('textbox', { name: 'Phone', exact: true }).fill(fields.phone);
	if (fields.officeManager) await form.getByLabel("Office manager's name").fill(fields.officeManager);
	await form.getByRole('button', { name: 'Save provider' }).click();
	await expect(page).toHaveURL(new RegExp(`/providers/${UUID}$`));
	await expect(page.getByRole('heading', { level: 1, name: fields.name })).toBeVisible();
}

/** Another device of the same trainer: the same session cookie, its own empty IndexedDB. */
async function deviceOf(browser: Browser, from: BrowserContext): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ storageState: await from.storageState() });
	return { context, page: await context.newPage() };
}

/** The local calendar date `days` from now, as the date inputs take it. */
function localIsoDate(days: number): string {
	const date = new Date();
	date.setDate(date.getDate() + days);
	return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

test('a first contact plans a follow-up that shows on the home screen when due, and one click marks it done', async ({ page, context, browser, trainer }) => {
	await openHome(page, trainer);
	await addProvider(page, { name: 'Dr Ana Reyes', specialty: 'Orthopaedics', officeManager: 'Pat Quinn', phone: '(555) 010-2000' });

	// No touchpoint yet: the form offers a first contact, and the 7-day follow-up with it.
	const log = page.getByRole('form', { name: 'Log the first contact' });
	await expect(log.getByLabel('Kind of touchpoint')).toHaveValue('letter_email');
	await expect(log.getByLabel('Date')).toHaveValue(localIsoDate(0));
	await expect(log.getByLabel('Due')).toHaveValue(localIsoDate(7));
	await log.getByLabel('Outcome').fill('Sent an introduction letter and a sample progress report.');
	await log.getByRole('button', { name: 'Log touchpoint' }).click();

	await expect(page.getByRole('status').filter({ hasText: 'Touchpoint logged.' })).toBeVisible();
	const glance = page.getByRole('region', { name: 'Relationship at a glance' });
	await expect(glance).toContainText('Call · Due in 7 days');
	await expect(page.getByLabel('Relationship stage')).toHaveValue('first_contact');
	await expect(page.getByRole('list', { name: 'Touchpoints, newest first' })).toContainText('Letter or email sent');

	// Today, nothing is due yet.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
	const followUps = page.getByRole('region', { name: /Follow-ups due/ });
	await expect(followUps).toContainText('Nothing due today. Next: call Dr Ana Reyes, due in 7 days.');

	// Seven days on, the morning the follow-up falls due.
	const morning = new Date();
	morning.setDate(morning.getDate() + 7);
	morning.setHours(8, 30, 0, 0);
	await page.clock.setFixedTime(morning);
	await visit(page, '/clients');
	const due = followUps.getByRole('list', { name: 'Follow-ups due, most overdue first' }).getByRole('listitem');
	await expect(due).toHaveCount(1);
	await expect(due).toContainText('Call Dr Ana Reyes');
	await expect(due).toContainText('Due today');
	await expect(due).toContainText('office manager Pat Quinn');

	await followUps.getByRole('button', { name: 'Done: call Dr Ana Reyes' }).click();
	await expect(followUps.getByRole('status')).toContainText('Call with Dr Ana Reyes logged as done today.');
	await expect(due).toHaveCount(0);
	await expect(followUps).toContainText('Nothing due today.');

	// Logged on the provider's page too, and saved to the server.
	await followUps.getByRole('link', { name: 'All providers' }).click();
	await page.getByRole('link', { name: 'Dr Ana Reyes' }).click();
	const latest = page.getByRole('list', { name: 'Touchpoints, newest first' }).getByRole('listitem').first();
	await expect(latest).toContainText('Call');
	await expect(latest).toContainText('Marked done from follow-ups');
	await expect(page.getByRole('region', { name: 'Relationship at a glance' })).toContainText('None planned');
	await expect(page.getByText('All changes saved')).toBeVisible();

	// A fresh device (nothing in its IndexedDB) gets the same from the server.
	const laptop = await deviceOf(browser, context);
	await laptop.page.clock.setFixedTime(morning);
	await visit(laptop.page, '/clients');
	await expect(laptop.page.getByRole('region', { name: /Follow-ups due/ })).toContainText('Nothing due today.');
	await visit(laptop.page, page.url());
	await expect(laptop.page.getByRole('list', { name: 'Touchpoints, newest first' }).getByRole('listitem')).toHaveCount(2);
	await laptop.context.close();
});

test('bad input gets a message next to its field and stores nothing', async ({ page, trainer }) => {
	await openHome(page, trainer);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const form = page.getByRole('region', { name: 'Add a provider' });
	await form.getByRole('textbox', { name: 'Email', exact: true }).fill('reyes@');
	await form.getByRole('textbox', { name: 'Phone', exact: true }).fill('12');
	await form.getByRole('button', { name: 'Save provider' }).click();

	// The summary takes focus, says what is wrong and leads to each field.
	const summary = form.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Nothing was saved: check the 3 fields marked below.');
	await expect(summary.getByRole('link')).toHaveCount(3);
	await summary.getByRole('link', { name: "Name: Enter the provider's name." }).click();
	await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
	await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toHaveAccessibleDescription(/Enter the provider's name\./);
	await expect(form.getByRole('textbox', { name: 'Email', exact: true })).toHaveAccessibleDescription(
		'Enter an email address such as name@example.com, or leave it empty.'
	);
	await expect(form.getByRole('textbox', { name: 'Phone', exact: true })).toHaveAccessibleDescription(/Enter a phone number such as/);
	await form.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByText('No providers yet.')).toBeVisible();

	await addProvider(page, { name: 'Bo Lind', role: 'Physical therapist' });
	const log = page.getByRole('form', { name: 'Log the first contact' });
	await log.getByLabel('Date').fill(localIsoDate(3));
	await log.getByRole('button', { name: 'Log touchpoint' }).click();
	await expect(log.getByLabel('Date')).toHaveAccessibleDescription("The touchpoint can't be in the future.");
	await expect(page.getByText('No touchpoints yet.')).toBeVisible();
});

test('a refused touchpoint, or a refused correction of a touchpoint or referral, shows its error summary, focused, leading to the field', async ({
	page,
	trainer
}) => {
	await openHome(page, trainer);
	await addProvider(page, { name: 'Dr Mia Holm', role: 'Physician' });

	const log = page.getByRole('form', { name: 'Log the first contact' });
	await log.getByLabel('Date').fill(localIsoDate(3));
	await log.getByRole('button', { name: 'Log touchpoint' }).click();
	const logSummary = log.getByRole('alert');
	await expect(logSummary).toBeFocused();
	await expect(logSummary).toContainText('Nothing was saved: check the field marked below.');
	await logSummary.getByRole('link', { name: "Date: The touchpoint can't be in the future." }).click();
	await expect(log.getByLabel('Date')).toBeFocused();
	await expect(page.getByText('No touchpoints yet.')).toBeVisible();

	await log.getByLabel('Date').fill(localIsoDate(0));
	await log.getByLabel('Outcome').fill('Sent the introduction letter.');
	await log.getByRole('button', { name: 'Log touchpoint' }).click();
	const timeline = page.getByRole('list', { name: 'Touchpoints, newest first' });
	await timeline.getByRole('button', { name: /^Edit letter or email sent/ }).click();
	const editTouchpoint = page.getByRole('form', { name: 'Edit touchpoint' });
	await editTouchpoint.getByLabel('Due').fill('');
	await editTouchpoint.getByLabel('What to do').fill('Call Pat about the report.');
	await editTouchpoint.getByRole('button', { name: 'Save touchpoint' }).click();
	const touchpointSummary = editTouchpoint.getByRole('alert');
	await expect(touchpointSummary).toBeFocused();
	await touchpointSummary.getByRole('link', { name: 'Due: Give the next step a date so it shows in Follow-ups due, or clear the step.' }).click();
	await expect(editTouchpoint.getByLabel('Due')).toBeFocused();
	await editTouchpoint.getByRole('button', { name: 'Cancel' }).click();

	const referral = page.getByRole('form', { name: 'Record a referral' });
	await referral.getByLabel('Client referred').selectOption({ label: 'Someone not yet a client' });
	await referral.getByLabel('Name of the person referred').fill('Ola Nordman');
	await referral.getByRole('button', { name: 'Record referral' }).click();
	const referrals = page.getByRole('list', { name: 'Referrals from Dr Mia Holm' });
	await referrals.getByRole('button', { name: 'Edit the referral of Ola Nordman' }).click();
	const editReferral = page.getByRole('form', { name: 'Edit referral' });
	await editReferral.getByLabel('Name of the person referred').fill('');
	await editReferral.getByLabel('Date received').fill(localIsoDate(2));
	await editReferral.getByRole('button', { name: 'Save referral' }).click();
	const referralSummary = editReferral.getByRole('alert');
	await expect(referralSummary).toBeFocused();
	await expect(referralSummary).toContainText('Nothing was saved: check the 2 fields marked below.');
	await expect(referralSummary.getByRole('link')).toHaveCount(2);
	await referralSummary.getByRole('link', { name: 'Name of the person referred: Enter the name of the person referred.' }).click();
	await expect(editReferral.getByLabel('Name of the person referred')).toBeFocused();
	// Nothing was stored: the referral reads as it did once the form is closed.
	await editReferral.getByRole('button', { name: 'Cancel' }).click();
	await expect(referrals).toContainText('Ola Nordman');
});

test('the directory filters by stage, role and words; a referral is recorded with its reason for no payments', async ({ page, trainer }) => {
	await openHome(page, trainer);
	await page.getByRole('button', { name: 'Add a client' }).click();
	await page.getByRole('region', { name: 'Add a client' }).getByLabel('Name').fill('Carl Client');
	await page.getByRole('button', { name: 'Save client' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Carl Client' })).toBeVisible();

	await addProvider(page, { name: 'Dr Ana Reyes', specialty: 'Orthopaedics' });
	await addProvider(page, { name: 'Bo Lind', role: 'Physical therapist', specialty: 'Vestibular rehab' });
	await addProvider(page, { name: 'Dr Eli Cruz', role: 'Chiropractor', specialty: 'Spine' });

	const referral = page.getByRole('form', { name: 'Record a referral' });
	await expect(referral).toContainText('Nowhere to record payments or gifts: paying for referrals breaks anti-kickback rules.');
	await referral.getByLabel('Client referred').selectOption({ label: 'Carl Client' });
	await referral.getByRole('button', { name: 'Record referral' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Referral of Carl Client recorded.' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Referrals from Dr Eli Cruz' })).toContainText('Carl Client');
	await expect(page.getByLabel('Relationship stage')).toHaveValue('referring');
	await expect(page.getByRole('region', { name: 'Relationship at a glance' })).toContainText('Thank · Due in 2 days');

	await page.getByRole('link', { name: 'Directory' }).click();
	const rows = page.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(4);
	const search = page.getByRole('search', { name: 'Find providers' });
	await search.getByLabel('Stage').selectOption({ label: 'Referring' });
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText('Dr Eli Cruz');
	await expect(page).toHaveURL(/\?stage=referring$/);
	await search.getByLabel('Stage').selectOption({ label: 'All stages' });
	await search.getByLabel('Role').selectOption({ label: 'Physical therapist' });
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText('Bo Lind');
	await search.getByLabel('Role').selectOption({ label: 'All roles' });
	await search.getByLabel('Search').fill('orthopaedics');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText('Dr Ana Reyes');
	await search.getByLabel('Search').fill('nobody here');
	await expect(page.getByText('No providers match.')).toBeVisible();

	await page.getByRole('link', { name: 'Overview' }).click();
	const stages = page.getByRole('region', { name: 'Providers by stage' });
	await expect(stages.getByRole('link', { name: '2 Researching' })).toBeVisible();
	await expect(stages.getByRole('link', { name: '1 Referring' })).toBeVisible();
	await expect(stages.getByRole('link', { name: '0 Inactive' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Referrals per month' })).toContainText('1 referral in the last 12 months.');
});

test('two devices of one trainer edit the directory offline and converge', async ({ page, context, browser, trainer }) => {
	await openHome(page, trainer);
	await addProvider(page, { name: 'Dr Ana Reyes' });
	const providerUrl = page.url();
	await expect(page.getByText('All changes saved')).toBeVisible();

	const phone = await deviceOf(browser, context);
	await visit(phone.page, providerUrl);
	await expect(phone.page.getByRole('heading', { level: 1, name: 'Dr Ana Reyes' })).toBeVisible();

	// Both go offline, and each changes a different thing.
	await context.setOffline(true);
	await phone.context.setOffline(true);
	await expect(page.getByText('Offline')).toBeVisible();
	await page.getByRole('button', { name: 'Edit details' }).click();
	await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('(555) 010-2000');
	await page.getByRole('button', { name: 'Save details' }).click();
	await expect(page.getByText('Offline · 1 unsynced change kept on this device')).toBeVisible();

	// Offline, the directory and the provider's page still open: their data is on the device.
	await page.getByRole('link', { name: 'Directory' }).click();
	await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
	await page.getByRole('link', { name: 'Dr Ana Reyes' }).click();
	await expect(page.getByRole('link', { name: '(555) 010-2000' })).toBeVisible();

	const log = phone.page.getByRole('form', { name: 'Log the first contact' });
	await log.getByLabel('Outcome').fill('Dropped off a letter at the front desk.');
	await log.getByRole('button', { name: 'Log touchpoint' }).click();
	await expect(phone.page.getByRole('list', { name: 'Touchpoints, newest first' })).toContainText('Dropped off a letter');
	await expect(phone.page.getByText('(555) 010-2000')).toHaveCount(0);

	// Back online: each device receives the other's edit.
	await context.setOffline(false);
	await phone.context.setOffline(false);
	for (const device of [page, phone.page]) {
		await expect(device.getByText('All changes saved')).toBeVisible({ timeout: 20_000 });
		await expect(device.getByRole('link', { name: '(555) 010-2000' })).toBeVisible();
		await expect(device.getByRole('list', { name: 'Touchpoints, newest first' })).toContainText('Dropped off a letter');
		await expect(device.getByLabel('Relationship stage')).toHaveValue('first_contact');
	}
	await phone.context.close();
});
