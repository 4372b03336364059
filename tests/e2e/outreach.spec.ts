// A letter to a provider picked from the directory, by keyboard, in the practice's Documents area: the
// picker fills the addressee, the provider's timeline shows the letter without anyone typing it in,
// and no client ever sees the practice's documents.
import { expect, test } from '@playwright/test';
import { acceptInvitationAndConsent, addClient, inviteClient, newTrainer, SCREENS, signUp, UUID, visit } from './helpers.ts';

test('a letter to a provider picked by keyboard fills the addressee and appears on their timeline; no client sees it', async ({ page, browser }) => {
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

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
	await expect(page.getByText('No practice documents yet.')).toBeVisible();
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
	const letterUrl = page.url();
	await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Documents' })).toBeVisible();
	await expect(page.getByText('Practice document, seen by no client')).toBeVisible();
	await page.screenshot({ path: `${SCREENS}/practice-letter.png`, fullPage: true });

	await page.goto(providerUrl);
	const timeline = page.getByRole('list', { name: 'Touchpoints, newest first' });
	await expect(timeline).toContainText('Letter or email sent');
	await expect(timeline).toContainText('Letter drafted: Introducing our practice');
	await visit(page, '/documents');
	await expect(page.getByRole('list', { name: 'Practice documents' }).getByRole('link', { name: 'Introducing our practice' })).toBeVisible();
	await page.screenshot({ path: `${SCREENS}/practice-documents.png`, fullPage: true });

	// A client of the practice, consenting to everything, never sees it.
	await addClient(page, 'Carla Client');
	const invitation = await inviteClient(page, 'Carla Client');
	const clientContext = await browser.newContext();
	try {
		const client = await clientContext.newPage();
		await acceptInvitationAndConsent(client, invitation, 'Carla Client');
		await expect(client.getByText('Introducing our practice')).toHaveCount(0);
		await visit(client, letterUrl);
		await expect(client.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
	} finally {
		await clientContext.close();
	}
});

test('a practice document is shared by link with no consent, after a warning when it names a client', async ({ page }) => {
	await signUp(page, newTrainer('practice-share'));
	await addClient(page, 'Margaret Whitfield');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
	// The client's page has a new-document form too: wait for the Documents area before filling one in.
	await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
	await page.getByLabel('Kind').selectOption({ label: 'Blank document' });
	await page.getByLabel('Title').fill('A success story');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
	const text = page.getByRole('textbox', { name: 'A success story, document text' });
	await text.click();
	await page.keyboard.type('Mrs Whitfield now climbs her stairs without holding the rail.');
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

	await page.getByRole('link', { name: 'Share with a provider' }).click();
	await expect(page.getByText('A practice document holds no client’s information')).toBeVisible();
	const newLink = page.getByRole('region', { name: 'New link for a provider' });
	await expect(page.getByRole('region', { name: 'Before it goes' })).toContainText('This practice document names a client: Margaret Whitfield.');
	await newLink.getByLabel("Provider's name").fill('Dr Ada Reyes');
	await page.screenshot({ path: `${SCREENS}/practice-share-warning.png`, fullPage: true });
	await newLink.getByRole('button', { name: 'Create link' }).click();
	await expect(newLink.getByRole('alert')).toContainText('names Margaret Whitfield');
	await newLink.getByLabel('It names Margaret Whitfield: I have checked, it may go to the provider as it is').check();
	await newLink.getByRole('button', { name: 'Create link' }).click();
	const shareLink = page.getByLabel('Share link');
	await expect(shareLink).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/);
	await page.goto(await shareLink.inputValue());
	await expect(page.getByRole('article', { name: 'A success story, report text' })).toContainText('climbs her stairs');
	await expect(page.getByText('Client:')).toHaveCount(0);
});
