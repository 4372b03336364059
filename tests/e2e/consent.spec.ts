// The consenting client, end to end: the trainer invites, the client accepts and consents, both
// co-edit one progress log, then the client revokes and the server closes what it must.
import { expect, test } from '@playwright/test';
import { acceptInvitationAndConsent, editorOf, inviteClient, newDocument, startsWith, syncStatus, typeAtEnd, visit } from './helpers.ts';

test('trainer and consenting client co-edit; revoking closes the client’s document at once', async ({ browser }) => {
	const trainerContext = await browser.newContext();
	const clientContext = await browser.newContext();
	try {
		const trainerPage = await trainerContext.newPage();
		const clientName = 'Rosa Delgado';
		const { title, url } = await newDocument(trainerPage, 'consent', clientName);
		await trainerPage.getByRole('link', { name: clientName }).click();
		const link = await inviteClient(trainerPage, clientName);

		const clientPage = await clientContext.newPage();
		await acceptInvitationAndConsent(clientPage, link, clientName);
		await clientPage.getByRole('link', { name: title }).click();
		await expect(syncStatus(clientPage)).toHaveText('All changes saved');

		await visit(trainerPage, url);
		await expect(syncStatus(trainerPage)).toHaveText('All changes saved');
		await typeAtEnd(trainerPage, editorOf(trainerPage, title), 'Week 3: chair stand 11 in 30 s.');
		await expect(editorOf(clientPage, title)).toContainText('Week 3: chair stand 11 in 30 s.');
		await typeAtEnd(clientPage, editorOf(clientPage, title), 'Walked to the market without stopping.', true);
		await expect(editorOf(trainerPage, title).getByRole('paragraph').nth(1)).toHaveText(startsWith('Walked to the market without stopping.'));
		// Each sees the other's caret, labelled with their name.
		await expect(editorOf(trainerPage, title).getByText(clientName)).toBeVisible();

		// The client revokes from their page, in a second tab; the document tab loses access.
		const clientHome = await clientContext.newPage();
		await visit(clientHome, '/my');
		await clientHome.getByRole('button', { name: 'Revoke consent' }).click();
		await clientHome.getByRole('button', { name: 'Yes, revoke my consent' }).click();
		await expect(clientHome.getByText('Your consent is revoked. Sharing has stopped.')).toBeVisible();
		await expect(syncStatus(clientPage)).toHaveText('You no longer have access to this document');
		await clientPage.reload();
		await expect(clientPage.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();

		// The trainer keeps their record, and sees the state on the client's page.
		await typeAtEnd(trainerPage, editorOf(trainerPage, title), ' Trainer note after revocation.');
		await expect(syncStatus(trainerPage)).toHaveText('All changes saved');
		await trainerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
		await trainerPage.getByRole('link', { name: clientName }).click();
		await expect(trainerPage.getByRole('region', { name: 'Client access and consent' }).getByText('Consent revoked').first()).toBeVisible();
		await expect(trainerPage.getByText(`Nothing of ${clientName}'s may be shared`)).toBeVisible();
		await expect(trainerPage.getByRole('list', { name: 'Consent history, oldest first' }).getByRole('listitem')).toHaveCount(2);
	} finally {
		await trainerContext.close();
		await clientContext.close();
	}
});
