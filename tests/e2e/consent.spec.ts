// The consenting client, end to end: the trainer invites, the client accepts and consents, both
// co-edit one progress log, then the client revokes: sharing and co-editing end, their reading does not.
import { createProgressLog, editorOf, expect, startsWith, syncStatus, test, typeAtEnd, uniqueTag, visit } from './fixtures.ts';

test('trainer and consenting client co-edit; revoking ends the client’s editing at once, not their reading', async ({ page, trainer, consentingClient }) => {
	const trainerPage = page;
	const { name: clientName, context: clientContext, page: clientPage } = consentingClient;
	// The consent covers blank documents by kind: one made after it is the client's to co-edit.
	await visit(trainerPage, consentingClient.recordUrl);
	const title = `Progress log ${uniqueTag()}`;
	const url = await createProgressLog(trainerPage, title);
	await visit(clientPage, '/my');
	await clientPage.getByRole('link', { name: title }).click();
	await expect(syncStatus(clientPage)).toHaveText('All changes saved');

	await visit(trainerPage, url);
	await expect(syncStatus(trainerPage)).toHaveText('All changes saved');
	// What a screen reader hears of the sync status: every text its polite region is given from now on.
	await trainerPage.evaluate(() => {
		const region = document.querySelector('.sync-status + [aria-live="polite"]')!;
		const heard: string[] = [];
		(window as unknown as { heard: string[] }).heard = heard;
		new MutationObserver(() => {
			const text = region.textContent?.trim();
			if (text) heard.push(text);
		}).observe(region, { childList: true, characterData: true, subtree: true });
	});
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
	// 62 characters typed in two runs, each flipping the visible status between syncing and saved:
	// heard once, after the first run settled, and not again while nothing new lasted.
	await expect.poll(() => trainerPage.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['All changes saved']);
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
});
