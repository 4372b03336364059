// The consenting client, end to end: the trainer invites, the client accepts and consents, both
// co-edit one progress log, then the client revokes: sharing and co-editing end, their reading does not.
import { expect, test } from '@playwright/test';
import { acceptInvitationAndConsent, editorOf, inviteClient, newDocument, startsWith, syncStatus, typeAtEnd, visit } from './helpers.ts';

test('trainer and consenting client co-edit; revoking ends the client’s editing at once, not their reading', async ({ browser }) => {
	const trainerContext = await browser.newContext();
	const clientContext = await browser.newContext();
	try {
		const trainerPage = await trainerContext.newPage();
		const clientName = 'Rosa Delgado';
		const { trainer, title, url } = await newDocument(trainerPage, 'consent', clientName);
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
		// Each sees who else is in the document beside it, and a screen reader hears it once.
		await expect(trainerPage.getByRole('region', { name: 'Also editing' }).getByRole('listitem')).toHaveText([clientName]);
		await expect(clientPage.getByRole('region', { name: 'Also editing' }).getByRole('listitem')).toHaveText([trainer.name]);
		await expect(trainerPage.getByText(`${clientName} joined.`)).toBeAttached();

		// The client revokes from their page, in a second tab; the document tab turns read-only.
		const clientHome = await clientContext.newPage();
		await visit(clientHome, '/my');
		await clientHome.getByRole('button', { name: 'Revoke consent' }).click();
		await clientHome.getByRole('button', { name: 'Yes, revoke my consent' }).click();
		await expect(clientHome.getByText('Your consent is revoked. Sharing has stopped; you can still read your records.')).toBeVisible();
		await expect(clientPage.getByText('You can now only read this document.')).toBeVisible();
		await expect(editorOf(clientPage, title)).toHaveAttribute('contenteditable', 'false');

		// The trainer keeps writing; the client reads it live, and after a reload.
		await typeAtEnd(trainerPage, editorOf(trainerPage, title), ' Trainer note after revocation.');
		await expect(syncStatus(trainerPage)).toHaveText('All changes saved');
		await expect(editorOf(clientPage, title)).toContainText('Trainer note after revocation.');
		await clientPage.reload();
		await expect(editorOf(clientPage, title)).toContainText('Trainer note after revocation.');
		await expect(editorOf(clientPage, title)).toHaveAttribute('aria-readonly', 'true');
		await expect(clientPage.getByText('You can read this document. You edit it with your trainer')).toBeVisible();
		await visit(clientHome, '/my');
		await expect(clientHome.getByRole('list', { name: 'My documents' }).getByRole('link', { name: title })).toBeVisible();
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
