// Issue 19.2 in Chromium: a client's blood pressure back below 130 mmHg becomes a suggestion on the
// trainer's home screen and the client's page; it leads to asking the client for consent (a page
// that sends nothing), and once dismissed it stays dismissed after a reload.
import { expect, shot, testAsTrainer as test, UUID, visit } from './fixtures.ts';
import { expectNoAxeViolations } from './axe.ts';

test('a blood pressure back in range is suggested for sharing, through consent, and stays dismissed', async ({ page, consentingClient }) => {
	const name = consentingClient.name;
	await visit(page, consentingClient.recordUrl);
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
		await expect(form.getByText(`Added Blood pressure`)).toBeVisible();
	}
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

	await visit(page, '/clients');
	const suggestions = page.getByRole('region', { name: 'Progress worth sharing' });
	const suggestion = suggestions.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
	await expect(suggestion).toContainText('Systolic blood pressure down 18 mmHg since 3 Oct, back below 130 mmHg');
	await suggestion.getByText('Sources').click();
	await expect(suggestion).toContainText('ACC/AHA');
	await expectNoAxeViolations(page, 'home with an outcome suggestion');
	await shot(page, 'home-outcome-suggestion');

	await suggestion.getByRole('link', { name: `Ask ${name} for consent to share this progress` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Ask ${name} for consent` })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Systolic blood pressure down 18 mmHg' })).toBeVisible();
	await expectNoAxeViolations(page, 'consent request');

	await visit(page, consentingClient.recordUrl);
	const onRecord = page.getByRole('region', { name: 'Progress worth sharing' });
	await expect(onRecord).toContainText('back below 130 mmHg');
	await shot(page, 'client-outcome-suggestion');
	await onRecord.getByRole('button', { name: `Dismiss the suggestion about ${name}` }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Suggestion dismissed.' })).toBeVisible();
	await expect(onRecord).toBeHidden();
	await visit(page, '/clients');
	await expect(page.getByRole('heading', { name: 'Your clients' })).toBeAttached();
	await expect(page.getByRole('region', { name: 'Progress worth sharing' })).toBeHidden();
});
