// An accessibility tour: every main page state, at desktop and phone widths, checked by axe-core.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { acceptInvitationAndConsent, addClient, createProgressLog, inviteClient, newTrainer, signUp, UUID, visit } from './helpers.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Checks the state at both widths and leaves the page at desktop width. */
async function check(page: Page, label: string): Promise<void> {
	await expectNoAxeViolations(page, `${label} @1280`);
	await page.setViewportSize(PHONE);
	await expectNoAxeViolations(page, `${label} @390`);
	await page.setViewportSize(DESKTOP);
}

test('the main pages have no WCAG 2.2 A/AA violation axe can find, at 1280 and 390 px', async ({ browser }) => {
	// About 17 states at two widths, with three people: longer than one journey on a loaded machine.
	test.setTimeout(180_000);
	const contexts = await Promise.all([
		browser.newContext({ viewport: DESKTOP }),
		browser.newContext({ viewport: DESKTOP }),
		browser.newContext({ viewport: DESKTOP })
	]);
	const [trainer, client, provider] = await Promise.all(contexts.map((context) => context.newPage()));
	try {
		const clientName = 'Walter Nkemelu';
		await signUp(trainer!, newTrainer('axe'));
		await check(trainer!, 'clients, empty');
		await trainer!.getByRole('button', { name: 'Add a client' }).click();
		// Focus goes to the form's first field, not to the page body where the button was.
		await expect(trainer!.getByRole('region', { name: 'Add a client' }).getByLabel('Name')).toBeFocused();
		await check(trainer!, 'add-client form');

		await addClient(trainer!, clientName);
		const clientUrl = trainer!.url();
		await check(trainer!, 'client page');
		const invitation = await inviteClient(trainer!, clientName);
		await acceptInvitationAndConsent(client!, invitation, clientName);
		await check(client!, 'client /my');
		await visit(trainer!, '/clients');
		await expect(trainer!.getByRole('link', { name: clientName })).toBeVisible();
		await check(trainer!, 'clients, one client');

		await visit(trainer!, clientUrl);
		const documentUrl = await createProgressLog(trainer!, 'Progress log');
		const editor = trainer!.getByRole('textbox', { name: 'Progress log, document text' });
		await editor.click();
		await trainer!.keyboard.type('Walked 5 km.');
		await trainer!.keyboard.press('Enter');
		await trainer!.keyboard.press('Control+Shift+9');
		await trainer!.keyboard.type('Stairs twice a day');
		await expect(editor.getByRole('checkbox')).toHaveCount(1);
		await check(trainer!, 'document editor');

		await visit(trainer!, `${documentUrl}/sharing`);
		await trainer!.getByLabel("Provider's name").fill('Dr Priya Raman');
		await trainer!.getByLabel('Role').selectOption({ label: 'Physical therapist' });
		await trainer!.getByLabel('Practice').fill('Riverside Physical Therapy');
		await trainer!.getByRole('button', { name: 'Create link' }).click();
		const link = trainer!.getByLabel('Share link');
		await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{27}$/);
		const shareUrl = await link.inputValue();
		await expect(trainer!.getByRole('button', { name: 'Copy link' })).toBeFocused();
		await check(trainer!, 'sharing page with a link');

		await visit(client!, '/my');
		await client!.getByRole('button', { name: 'Approve sharing with Dr Priya Raman' }).click();
		await expect(client!.getByText('Waiting for your approval')).toBeHidden();
		await check(client!, 'client /my, link approved');
		await client!
			.getByRole('link', { name: /consent/i })
			.first()
			.click();
		await expect(client!).toHaveURL(new RegExp(`/my/consent/${UUID}$`));
		await check(client!, 'client consent page');

		await visit(provider!, shareUrl);
		await expect(provider!.getByRole('article', { name: 'Progress log, report text' })).toContainText('Walked 5 km.');
		await check(provider!, "provider's share page");

		await visit(trainer!, '/providers');
		await check(trainer!, 'providers, empty');
		await trainer!.getByRole('button', { name: 'Add a provider' }).click();
		const form = trainer!.getByRole('region', { name: 'Add a provider' });
		await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
		await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Dr Ana Reyes');
		await form.getByRole('button', { name: 'Save provider' }).click();
		await expect(trainer!.getByRole('heading', { level: 1, name: 'Dr Ana Reyes' })).toBeVisible();
		await check(trainer!, 'provider page');
		await visit(trainer!, '/providers');
		await check(trainer!, 'providers directory');

		for (const [url, label] of [
			['/', 'home'],
			['/account', 'account'],
			['/settings/export', 'export'],
			['/import', 'import']
		]) {
			await visit(trainer!, url!);
			await check(trainer!, label!);
		}
	} finally {
		await Promise.all(contexts.map((context) => context.close()));
	}
});
