// Access that narrows while a page is open (co-editing withdrawn leaves the client reading): the page says so at once, takes nothing
// more, and never shows as added or saved what never reached anyone.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { Network } from './network.ts';
import { acceptInvitationAndConsent, addClient, inviteClient, newTrainer, signUp, syncStatus, UUID, visit } from './helpers.ts';

const CLIENT = 'Rosa Delgado';

/** A trainer's progress report (it records measures), and their client co-editing it on `clientPage`. */
async function coEditedReport(browser: Browser) {
	const trainerContext = await browser.newContext();
	const clientContext = await browser.newContext();
	const trainerPage = await trainerContext.newPage();
	await signUp(trainerPage, newTrainer('access'));
	await addClient(trainerPage, CLIENT);
	const title = `Progress report ${Date.now().toString(36)}`;
	await trainerPage.getByLabel('Kind').selectOption({ label: 'Progress report to a provider' });
	await trainerPage.getByLabel('Title').fill(title);
	await trainerPage.getByLabel('Name, as you address them').fill('Dr Anna Patel');
	await trainerPage.getByRole('button', { name: 'Create document' }).click();
	await expect(trainerPage).toHaveURL(new RegExp(`/documents/${UUID}$`));
	const url = trainerPage.url();
	await trainerPage.getByRole('link', { name: CLIENT }).click();
	const invitation = await inviteClient(trainerPage, CLIENT);

	const clientPage = await clientContext.newPage();
	await acceptInvitationAndConsent(clientPage, invitation, CLIENT);
	const clientId = await clientPage.locator('input[name="clientId"]').first().inputValue();
	await clientPage.getByRole('link', { name: title }).click();
	await expect(syncStatus(clientPage)).toHaveText('All changes saved');
	return { trainerContext, clientContext, trainerPage, clientPage, clientId, title, url };
}

const measureForm = (page: Page) => page.getByRole('form', { name: 'Record a measure' });

async function recordHeartRate(page: Page, bpm: string): Promise<void> {
	const form = measureForm(page);
	await form.getByLabel('Measure').selectOption({ label: 'Resting heart rate' });
	await form.getByLabel('Date taken').fill('2026-11-20');
	await form.getByLabel('Value', { exact: false }).fill(bpm);
	await form.getByRole('button', { name: 'Add measure' }).click();
}

test('the client’s open page says at once that co-editing was withdrawn, and takes no more edits', async ({ browser }) => {
	const { trainerContext, clientContext, clientPage, title } = await coEditedReport(browser);
	try {
		await recordHeartRate(clientPage, '72');
		await expect(measureForm(clientPage).getByText(/^Added Resting heart rate: 72 bpm/)).toBeVisible();
		await expect(syncStatus(clientPage)).toHaveText('All changes saved');

		// In a second tab, the client stops co-editing; the document tab is told without reloading.
		const home = await clientContext.newPage();
		await visit(home, '/my');
		await home.getByRole('button', { name: 'Stop co-editing' }).click();
		await expect(home.getByText('You have stopped co-editing.')).toBeVisible();

		await expect(clientPage.getByRole('alert')).toContainText('You can now only read this document. Nothing more can be added here.');
		await expect(syncStatus(clientPage)).toHaveText('You can now only read this document');
		await expect(measureForm(clientPage).getByRole('button', { name: 'Add measure' })).toBeDisabled();
		await expect(measureForm(clientPage).getByText(/^Added Resting heart rate/)).toHaveCount(0);
		const editor = clientPage.getByRole('textbox', { name: `${title}, document text` });
		await expect(editor).toHaveAttribute('aria-readonly', 'true');
		await expect(editor).toHaveAttribute('contenteditable', 'false');

		// The next edit goes nowhere, and nothing says it was saved.
		const before = await editor.textContent();
		await editor.click();
		await clientPage.keyboard.type('Slept badly, knee sore.');
		await expect(editor).toHaveText(before ?? '');
		await expect(syncStatus(clientPage)).not.toHaveText('All changes saved');
	} finally {
		await trainerContext.close();
		await clientContext.close();
	}
});

test('a measure recorded offline is reported as not saved once co-editing has been withdrawn, never as added', async ({ browser }) => {
	const { trainerContext, clientContext, trainerPage, clientPage, clientId, url } = await coEditedReport(browser);
	try {
		const network = await Network.of(clientContext);
		await clientPage.reload();
		await expect(syncStatus(clientPage)).toHaveText('All changes saved');
		await network.offline();
		await recordHeartRate(clientPage, '99');
		await expect(syncStatus(clientPage)).toHaveText(/^Offline · 1 unsynced change kept on this device/);

		// Meanwhile, from another device, the client withdraws from co-editing.
		const withdrawn = await clientContext.request.post('/my?/withdrawCoEditing', { form: { clientId }, headers: { origin: new URL(url).origin } });
		expect(withdrawn.ok()).toBe(true);

		await network.online();
		await expect(syncStatus(clientPage)).toHaveText('You can now only read this document · 1 change made here not saved');
		await expect(clientPage.getByRole('alert')).toContainText('1 change made on this page did not reach the server and is not saved.');
		await expect(clientPage.getByText(/Added Resting heart rate: 99 bpm/)).toHaveCount(0);
		await expect(measureForm(clientPage).getByRole('button', { name: 'Add measure' })).toBeDisabled();

		// It never reached anyone: the trainer's report has no such measure.
		await visit(trainerPage, url);
		await expect(syncStatus(trainerPage)).toHaveText('All changes saved');
		await expect(trainerPage.getByText('No measures recorded yet.')).toBeVisible();
	} finally {
		await trainerContext.close();
		await clientContext.close();
	}
});
