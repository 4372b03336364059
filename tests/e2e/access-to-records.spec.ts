// A client's right to read their records, the trainer's private working notes, and the check of
// unfilled template prompts before a report goes to a provider.
import { expect, test } from '@playwright/test';
import { acceptInvitationAndConsent, addClient, editorOf, inviteClient, newTrainer, SCREENS, signUp, syncStatus, typeAtEnd, UUID, visit } from './helpers.ts';

async function createOnClientPage(page: import('@playwright/test').Page, kind: string, title: string, privately = false): Promise<string> {
	await page.getByLabel('Kind').selectOption({ label: kind });
	await page.getByLabel('Title').fill(title);
	if (privately) await page.getByLabel('Private working notes:').check();
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
	return page.url();
}

test('private working notes are marked for the trainer and never reach the client, who reads every other record', async ({ page, browser }) => {
	const clientName = 'Iris Okoro';
	await signUp(page, newTrainer('records'));
	await addClient(page, clientName);
	const clientPageUrl = page.url();
	const recordUrl = await createOnClientPage(page, 'Blank document', 'Session notes');
	await typeAtEnd(page, editorOf(page, 'Session notes'), 'Walked 400 m without a rest.');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await visit(page, clientPageUrl);
	await createOnClientPage(page, 'Blank document', 'Working notes', true);
	await expect(page.getByText('Private working notes', { exact: true })).toBeVisible();
	await expect(page.getByText(`Private working notes: ${clientName} does not see this document, and it is not shared.`)).toBeVisible();
	await page.screenshot({ path: `${SCREENS}/private-notes.png`, fullPage: true });

	await visit(page, clientPageUrl);
	const documents = page.getByRole('list', { name: `Documents of ${clientName}` });
	await expect(documents.getByRole('listitem').filter({ hasText: 'Working notes' })).toContainText('Private working notes');
	await expect(documents.getByRole('listitem').filter({ hasText: 'Session notes' })).not.toContainText('Private working notes');
	const invitation = await inviteClient(page, clientName);

	const context = await browser.newContext();
	try {
		const client = await context.newPage();
		await acceptInvitationAndConsent(client, invitation, clientName);
		const mine = client.getByRole('list', { name: 'My documents' });
		await expect(mine.getByRole('link', { name: 'Session notes' })).toBeVisible();
		await expect(mine.getByRole('link', { name: 'Working notes' })).toHaveCount(0);
		await client.screenshot({ path: `${SCREENS}/my-records.png`, fullPage: true });
		await mine.getByRole('link', { name: 'Session notes' }).click();
		await expect(editorOf(client, 'Session notes')).toContainText('Walked 400 m without a rest.');
		const documentId = new URL(recordUrl).pathname.split('/').pop()!;
		const copies = () => client.evaluate(async (id) => (await indexedDB.databases()).filter((database) => database.name?.includes(id)).length, documentId);
		await expect.poll(copies).toBeGreaterThan(0);

		// The trainer keeps this one private too: the client's open page loses it at once.
		await visit(page, recordUrl);
		await page.getByRole('button', { name: 'Keep as private working notes' }).click();
		await expect(page.getByRole('button', { name: `Show to ${clientName}` })).toBeVisible();
		await expect(syncStatus(client)).toHaveText('You no longer have access to this document');
		// Nor can the device show it any more: its text leaves the page and the device's copy is deleted.
		await expect(editorOf(client, 'Session notes')).toHaveCount(0);
		await expect.poll(copies).toBe(0);
		await visit(client, '/my');
		await expect(client.getByRole('link', { name: 'Session notes' })).toHaveCount(0);

		await page.getByRole('button', { name: `Show to ${clientName}` }).click();
		await expect(page.getByRole('button', { name: 'Keep as private working notes' })).toBeVisible();
		await visit(client, '/my');
		await client.getByRole('list', { name: 'My documents' }).getByRole('link', { name: 'Session notes' }).click();
		await expect(editorOf(client, 'Session notes')).toContainText('Walked 400 m without a rest.');
	} finally {
		await context.close();
	}
});

test('before a report is sent, its unfilled prompts are listed; each opens the prompt in the editor, and sending needs a confirmation', async ({ page }) => {
	await signUp(page, newTrainer('prompts'));
	await addClient(page, 'Omar Haddad');
	const reportUrl = await createOnClientPage(page, 'Progress report to a provider', 'November report');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await visit(page, `${reportUrl}/sharing`);
	const sent = page.getByRole('region', { name: 'Sent versions' });
	const prompts = page.getByRole('region', { name: 'Before it goes' }).getByRole('list', { name: 'Unfilled prompts' });
	const count = await prompts.getByRole('listitem').count();
	expect(count).toBeGreaterThan(2);
	await page.screenshot({ path: `${SCREENS}/unfilled-prompts.png`, fullPage: true });
	await sent.getByRole('button', { name: 'Mark as sent' }).click();
	await expect(sent.getByRole('alert')).toContainText(`${count} template prompts are still unfilled`);

	// The first prompt opens selected in the editor: typing replaces it.
	const first = prompts.getByRole('link').first();
	const promptText = (await first.textContent())?.trim() ?? '';
	await first.click();
	await expect(page).toHaveURL(/\?prompt=0$/);
	await expect.poll(() => page.evaluate(() => window.getSelection()?.toString().trim())).toBe(promptText);
	await page.keyboard.type('Walks to the shops and back, 12 of 12 sessions attended.');
	await expect(syncStatus(page)).toHaveText('All changes saved');

	await visit(page, `${reportUrl}/sharing`);
	await expect(prompts.getByRole('listitem')).toHaveCount(count - 1);
	await sent.getByLabel(`Send it with the ${count - 1} unfilled prompts listed above`).check();
	await sent.getByRole('button', { name: 'Mark as sent' }).click();
	await expect(sent.getByRole('status')).toHaveText('Marked as sent.');
	await expect(sent.getByRole('list', { name: 'Sent versions' }).getByRole('listitem')).toHaveCount(1);
});
