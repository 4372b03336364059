// An event for providers, end to end: the trainer plans a Lunch & Learn, invites a provider from
// the directory, the provider answers by link in a browser with no account, and marking them
// present puts the visit on their timeline with its follow-up. Then a client's appointment with
// that provider: recorded, and its visit brief refused, with the reason, under a consent that does
// not name them. Axe runs on every page reached.
import { expectNoAxeViolations } from './axe.ts';
import type { Page } from '@playwright/test';
import { expect, test, UUID, visit } from './fixtures.ts';

/** At 320 px (400 % zoom) the page scrolls one way only (WCAG 1.4.10); axe runs there too. */
async function reflowsAt320(page: Page, label: string): Promise<void> {
	const before = page.viewportSize()!;
	await page.setViewportSize({ width: 320, height: 640 });
	await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${label} fits 320 px` }).toBeLessThanOrEqual(320);
	await expectNoAxeViolations(page, `${label} @320`);
	await page.setViewportSize(before);
}

test('an event: invited from the directory, answered by link without an account, attendance on the timeline; a visit brief refused by consent', async ({
	page,
	browser,
	trainer,
	consentingClient
}) => {
	// The practice has no time zone chosen: its calendar is UTC's.
	const today = new Date().toISOString().slice(0, 10);

	await visit(page, '/providers');
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const add = page.getByRole('region', { name: 'Add a provider' });
	await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Dr Ana Reyes');
	await add.getByRole('button', { name: 'Save provider' }).click();
	await expect(page).toHaveURL(new RegExp(`/providers/${UUID}$`));
	const providerUrl = page.url();
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

	await page.getByRole('navigation', { name: 'Providers' }).getByRole('link', { name: 'Events' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Events for providers' })).toBeVisible();
	const plan = page.getByRole('form', { name: 'Plan an event' });
	await plan.getByRole('button', { name: 'Plan the event' }).click();
	await expect(plan.getByRole('alert')).toContainText('Give the event a title.');
	await expectNoAxeViolations(page, 'events page with a refused form');
	await plan.getByLabel('Kind of event').selectOption({ label: 'Lunch & Learn at their office' });
	await plan.getByLabel('Title').fill('Falls prevention for your patients');
	await plan.getByLabel('Date').fill(today);
	await plan.getByLabel('Starts at').fill('12:30');
	await plan.getByRole('button', { name: 'Plan the event' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Falls prevention for your patients' })).toBeVisible();
	const eventUrl = page.url();

	await page.getByRole('checkbox', { name: 'Dr Ana Reyes (no email address)' }).check();
	await page.getByRole('button', { name: 'Send invitations' }).click();
	const answerLink = await page.getByRole('textbox', { name: 'Answer link for Dr Ana Reyes' }).inputValue();
	expect(answerLink).toMatch(/\/e\/[A-Za-z0-9_-]{27}$/);
	await expectNoAxeViolations(page, 'event page with an answer link');
	await reflowsAt320(page, 'event page with an answer link');

	const providerContext = await browser.newContext();
	try {
		const provider = await providerContext.newPage();
		await visit(provider, answerLink);
		await expect(provider.getByText(`Dear Dr Ana Reyes, ${trainer.name} invites you to this lunch & learn at their office.`)).toBeVisible();
		await provider.getByRole('radio', { name: 'Yes, I will come' }).check();
		await provider.getByLabel('A note (optional)').fill('I will bring our new PT.');
		await provider.getByRole('button', { name: 'Send my answer' }).click();
		await expect(provider.getByRole('status')).toHaveText(`Thank you: ${trainer.name} knows you are coming.`);
		await expectNoAxeViolations(provider, 'invitation answer page');
		await reflowsAt320(provider, 'invitation answer page');
	} finally {
		await providerContext.close();
	}

	await visit(page, eventUrl);
	const row = page.getByRole('row', { name: /Dr Ana Reyes/ });
	await expect(row).toContainText('Coming');
	await expect(row).toContainText('I will bring our new PT.');
	await row.getByRole('checkbox', { name: 'Dr Ana Reyes came' }).check();
	await page.getByRole('button', { name: 'Save who came' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Marked 1 as present' })).toBeVisible();

	await visit(page, providerUrl);
	const timeline = page.getByRole('list', { name: 'Touchpoints, newest first' });
	await expect(timeline).toContainText('Came to an event');
	await expect(timeline).toContainText('Came to Lunch & Learn at their office: Falls prevention for your patients.');

	// Rosa's consent lets her approve providers report by report: a brief has no link to approve.
	await visit(page, `${consentingClient.recordUrl}/visits`);
	await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Dr Ana Reyes' });
	await page.getByLabel('Questions for the provider').fill('Any restriction on stairs?');
	await page.getByRole('button', { name: 'Record the appointment' }).click();
	await expect(page.getByRole('status')).toContainText('Recorded the appointment with Dr Ana Reyes, and logged it on their timeline.');
	await expect(page.getByRole('list', { name: 'Appointments' })).toContainText(
		'No visit brief: The client approves providers report by report, and a visit brief has no link for them to approve.'
	);
	await expect(page.getByRole('link', { name: /Visit brief for/ })).toHaveCount(0);
	await expectNoAxeViolations(page, 'client appointments page');
	await reflowsAt320(page, 'client appointments page');
});
