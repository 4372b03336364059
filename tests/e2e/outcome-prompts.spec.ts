// Issue 19.2 in Chromium: a client's blood pressure back below 130 mmHg becomes a suggestion on the
// trainer's home screen and the client's page. It leads through the client's consent (a request
// page that sends nothing) to a drafted progress report; a dismissed one stays dismissed.
import type { Page } from '@playwright/test';
import { addClient, expect, shot, testAsTrainer as test, UUID, visit } from './fixtures.ts';
import { expectNoAxeViolations } from './axe.ts';

/** On a client's page: a progress log with two blood pressures, the second back below 130 mmHg. */
async function bloodPressureBackInRange(page: Page): Promise<void> {
	await page.getByLabel('Kind').selectOption({ label: 'Progress log' });
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
	const form = page.getByRole('form', { name: 'Record a measure' });
	for (const [date, systolic, diastolic] of [
		['2026-10-03', '146', '84'],
		['2026-11-28', '128', '82']
	] as const) {
		await form.getByLabel('Measure').selectOption({ label: 'Blood pressure' });
		await form.getByLabel('Date taken').fill(date);
		await form.getByLabel('Systolic', { exact: false }).fill(systolic);
		await form.getByLabel('Diastolic', { exact: false }).fill(diastolic);
		await form.getByRole('button', { name: 'Add measure' }).click();
		await expect(form.getByText('Added Blood pressure')).toBeVisible();
	}
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
}

const line = 'Systolic blood pressure down 18 mmHg since 3 Oct, back below 130 mmHg';

test('a blood pressure back in range is suggested, leads through consent to a drafted report, and a dismissed one stays dismissed', async ({
	page,
	consentingClient
}) => {
	const name = consentingClient.name;
	await visit(page, consentingClient.recordUrl);
	await bloodPressureBackInRange(page);

	// The provider the report is for, in the directory (a Y.Doc edit the server stores).
	await visit(page, '/providers');
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const add = page.getByRole('region', { name: 'Add a provider' });
	await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Dr Ada Reyes');
	await add.getByRole('button', { name: 'Save provider' }).click();
	await expect(page).toHaveURL(new RegExp(`/providers/${UUID}$`));
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

	await visit(page, '/clients');
	const suggestion = page
		.getByRole('region', { name: 'Progress worth sharing' })
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name }) });
	await expect(suggestion).toContainText(line);
	await suggestion.getByText('Sources').click();
	await expect(suggestion).toContainText('ACC/AHA');
	await expectNoAxeViolations(page, 'home with an outcome suggestion');
	await shot(page, 'home-outcome-suggestion');

	await suggestion.getByRole('link', { name: `Ask ${name} for consent to share this progress` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Ask ${name} for consent` })).toBeVisible();
	await page.getByLabel('Provider').selectOption({ label: 'Dr Ada Reyes' });
	await page.getByRole('button', { name: 'Use this provider' }).click();
	// Rosa's consent lets her approve each provider per link: it already covers a progress report.
	await expect(page.getByText(`${name}'s consent in force already covers a progress report to Dr Ada Reyes`)).toBeVisible();
	await expectNoAxeViolations(page, 'consent request');
	await page.getByRole('button', { name: 'Draft the progress report' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
	const text = page.getByRole('textbox', { name: /document text$/ });
	await expect(text).toContainText('To: Dr Ada Reyes');
	await expect(text).toContainText(line);

	// A client with no account yet: the suggestion's path is the invitation; dismissed, it stays so.
	await addClient(page, 'Sam Okafor');
	const samUrl = page.url();
	await bloodPressureBackInRange(page);
	await visit(page, samUrl);
	const onRecord = page.getByRole('region', { name: 'Progress worth sharing' });
	await expect(onRecord).toContainText(line);
	await expect(onRecord.getByRole('link', { name: 'Invite Sam Okafor to sign a consent' })).toBeVisible();
	await shot(page, 'client-outcome-suggestion');
	await onRecord.getByRole('button', { name: 'Dismiss the suggestion about Sam Okafor' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Suggestion dismissed.' })).toBeVisible();
	await expect(onRecord).toBeHidden();
	await visit(page, '/clients');
	await expect(page.getByRole('link', { name: 'Sam Okafor' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Progress worth sharing' })).toBeHidden();
});
