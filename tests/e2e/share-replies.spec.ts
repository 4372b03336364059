// The provider answers under a shared report, and the trainer replies: a thread across four people's
// browsers (the trainer, the client, the provider with and without JavaScript), by role and label.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { acceptInvitationAndConsent, editorOf, hydrated, inviteClient, newDocument, typeAtEnd, visit } from './helpers.ts';

async function createLink(page: Page, documentUrl: string, provider: string): Promise<string> {
	await visit(page, `${documentUrl}/sharing`);
	await page.getByLabel("Provider's name").fill(provider);
	await page.getByLabel('Role').selectOption({ label: 'Physician' });
	await page.getByLabel('Practice').fill('Lakeside Family Medicine');
	await page.getByRole('button', { name: 'Create link' }).click();
	const link = page.getByLabel('Share link');
	await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{27}$/);
	return link.inputValue();
}

test('a provider asks a question on the report, the trainer answers it, and revoking the link ends the thread', async ({ browser }) => {
	// Four people's browsers and two axe runs: about a minute idle, twice that on a loaded 2-core machine.
	test.setTimeout(150_000);
	const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext(), browser.newContext({ javaScriptEnabled: false })]);
	const [trainerPage, clientPage, providerPage, officePage] = await Promise.all(contexts.map((context) => context.newPage()));
	try {
		const clientName = 'Rosa Delgado';
		const provider = 'Dr Lena Park';
		const { trainer, title, url } = await newDocument(trainerPage!, 'replies', clientName);
		await typeAtEnd(trainerPage!, editorOf(trainerPage!, title), 'Resting systolic pressure 128 mmHg, down from 146 mmHg in October.');
		await trainerPage!.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: clientName }).click();
		await acceptInvitationAndConsent(clientPage!, await inviteClient(trainerPage!, clientName), clientName);
		const shareUrl = await createLink(trainerPage!, url, provider);
		await visit(clientPage!, '/my');
		await clientPage!.getByRole('button', { name: `Approve sharing with ${provider}` }).click();
		await expect(clientPage!.getByText('Waiting for your approval')).toBeHidden();

		// The provider, no account: a form under the report, which itself stays read only. The page
		// has no SvelteKit client: it is ready when its live script says the report is live.
		await providerPage!.goto(shareUrl);
		await expect(providerPage!.getByRole('status').filter({ hasText: 'Live: changes appear as they are made' })).toBeVisible();
		const report = providerPage!.getByRole('article', { name: `${title}, report text` });
		await expect(report).toContainText('Resting systolic pressure 128 mmHg');
		await expect(report.getByRole('textbox')).toHaveCount(0);
		const answer = providerPage!.getByRole('region', { name: `Your answer to ${trainer.name}` });
		const kinds = answer.getByRole('group', { name: 'What your message is' });
		await expect(kinds.getByRole('radio')).toHaveCount(3);
		await kinds.getByLabel('Ask a question').check();
		const message = answer.getByLabel('Your message');
		await message.fill('x'.repeat(2001));
		await expect(answer.getByText('1 character too many')).toBeVisible();
		await answer.getByRole('button', { name: `Send to ${trainer.name}` }).click();
		const summary = answer.getByRole('alert');
		await expect(summary).toContainText('Your message: Keep your message to 2,000 characters or fewer.');
		await expect(summary).toBeFocused();
		await expect(message).toHaveValue('x'.repeat(2001));

		const question = 'Could she add two short walks a day, given her new amlodipine dose?';
		await message.fill(question);
		await expect(answer.getByText(`${question.length} of 2,000 characters`)).toBeVisible();
		await answer.getByRole('button', { name: `Send to ${trainer.name}` }).click();
		await expect(answer.getByRole('status')).toHaveText(`Sent to ${trainer.name}. It is shown above, with any reply on your next visit.`);
		const thread = answer.getByRole('list', { name: `Messages with ${trainer.name}` });
		await expect(thread.getByRole('listitem')).toHaveCount(1);
		await expect(thread).toContainText(`You asked a question`);
		await expect(thread).toContainText(question);
		await expect(message).toHaveValue('');
		await expectNoAxeViolations(providerPage!, 'share page with a question sent');

		// The office manager, without JavaScript: the same form works as a plain post.
		await officePage!.goto(shareUrl);
		const officeAnswer = officePage!.getByRole('region', { name: `Your answer to ${trainer.name}` });
		await officeAnswer.getByLabel('Acknowledge receipt').check();
		await officeAnswer.getByLabel('Your name (optional)').fill('Sam, office manager');
		await officeAnswer.getByRole('button', { name: `Send to ${trainer.name}` }).click();
		await expect(officePage!.getByRole('status').filter({ hasText: 'Sent to' })).toBeVisible();
		await expect(officePage!.getByRole('list', { name: `Messages with ${trainer.name}` }).getByRole('listitem')).toHaveCount(2);

		// The trainer: on the home screen, unread; on the document's sharing page, beside the link.
		await visit(trainerPage!, '/clients');
		const answers = trainerPage!.getByRole('region', { name: /Answers from providers/ });
		await expect(answers).toContainText('2 new');
		const questionLink = answers.getByRole('link', { name: `Unread: ${provider} asked a question on “${title}”` });
		await expect(questionLink).toBeVisible();
		await expect(answers.getByRole('link', { name: `Unread: Sam, office manager acknowledged receipt on “${title}”` })).toBeVisible();
		await questionLink.click();
		await hydrated(trainerPage!);
		const withProvider = trainerPage!.getByRole('region', { name: `With ${provider}` });
		await expect(withProvider.getByRole('list', { name: `Messages with ${provider}` })).toContainText(question);
		await expect(trainerPage!.getByRole('row', { name: new RegExp(provider) }).getByRole('link', { name: '2 messages' })).toBeVisible();
		const reply = 'Yes: two 10-minute walks, and stop if she feels light-headed. I will log her readings weekly.';
		await withProvider.getByLabel(`Your reply to ${provider}`).fill(reply);
		await withProvider.getByRole('button', { name: 'Send reply' }).click();
		await expect(withProvider.getByRole('status')).toHaveText(`Reply sent: ${provider} sees it on their next visit.`);
		await expect(withProvider.getByRole('list', { name: `Messages with ${provider}` }).getByRole('listitem')).toHaveCount(3);
		await expectNoAxeViolations(trainerPage!, 'sharing page with a thread');
		await visit(trainerPage!, '/clients');
		await expect(trainerPage!.getByRole('region', { name: 'Answers from providers' }).getByRole('link', { name: /^Unread:/ })).toHaveCount(0);

		// The provider's next visit shows the reply.
		await providerPage!.goto(shareUrl);
		const next = providerPage!.getByRole('list', { name: `Messages with ${trainer.name}` });
		await expect(next.getByRole('listitem')).toHaveCount(3);
		await expect(next.getByRole('listitem').last()).toContainText(`${trainer.name} replied`);
		// The office manager signed theirs: the provider reads whose it is, not "You".
		await expect(next.getByRole('listitem').nth(1)).toContainText('Sam, office manager acknowledged receipt');
		await expect(next.getByRole('listitem').first()).toContainText('You asked a question');
		await expect(next).toContainText(reply);

		// The client, whose consent covers the provider, reads the exchange on their document.
		await visit(clientPage!, url);
		const exchange = clientPage!.getByRole('region', { name: 'What providers said about it' });
		await expect(exchange).toContainText(question);
		await expect(exchange).toContainText(reply);
		await expect(exchange.getByRole('textbox')).toHaveCount(0);

		// Revoking the link ends the thread for the provider.
		await visit(trainerPage!, `${url}/sharing`);
		await trainerPage!.getByRole('button', { name: `Revoke the link for ${provider}` }).click();
		await expect(trainerPage!.getByRole('row', { name: new RegExp(provider) }).getByText('Revoked')).toBeVisible();
		await expect(trainerPage!.getByRole('region', { name: `With ${provider}` })).toContainText('the thread is closed');
		await expect(trainerPage!.getByLabel(`Your reply to ${provider}`)).toHaveCount(0);
		const gone = await providerPage!.goto(shareUrl);
		expect(gone?.status()).toBe(404);
		await expect(providerPage!.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
		await expect(providerPage!.getByText(question)).toHaveCount(0);
		await expect(providerPage!.getByLabel('Your message')).toHaveCount(0);
	} finally {
		await Promise.all(contexts.map((context) => context.close()));
	}
});
