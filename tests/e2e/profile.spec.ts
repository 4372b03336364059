// The trainer's professional profile in Chromium: filled in from the account page, a refused
// credential corrected from the error summary by keyboard, and every state it reaches checked by
// axe at desktop width and at 320 px, where it must not scroll sideways.
import { expectNoAxeViolations } from './axe.ts';
import { expect, openSharePage, testAsTrainer as test, visit } from './fixtures.ts';
import type { Page } from '@playwright/test';

const NARROW = { width: 320, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

async function checkBothWidths(page: Page, label: string): Promise<void> {
	await expectNoAxeViolations(page, `${label} @1280`);
	await page.setViewportSize(NARROW);
	await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${label} fits 320 px` }).toBeLessThanOrEqual(NARROW.width);
	await expectNoAxeViolations(page, `${label} @320`);
	await page.setViewportSize(DESKTOP);
}

test('a trainer writes their profile, outcomes first, and fixes a refused credential from the summary', async ({ page }) => {
	await page.setViewportSize(DESKTOP);
	await visit(page, '/account');
	await page.getByRole('link', { name: 'Professional profile' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Professional profile' })).toBeVisible();
	await expect(page.getByText('No credentials yet.')).toBeVisible();
	await checkBothWidths(page, 'profile, empty');

	const summary = page.getByRole('region', { name: 'Outcomes, specialties and conditions' });
	await summary.getByLabel('Outcomes statement').fill('Most of my clients with knee osteoarthritis walk further, with less pain, within twelve weeks.');
	await summary.getByLabel('Specialties').fill('Fall prevention\nStrength after rehabilitation');
	await summary.getByLabel('Conditions you work with').fill('Type 2 diabetes\nOsteoporosis');
	await summary.getByRole('button', { name: 'Save outcomes and specialties' }).click();
	await expect(summary.getByRole('status')).toHaveText('Your outcomes, specialties and conditions are saved.');

	const credentials = page.getByRole('region', { name: 'Credentials' });
	await credentials.getByRole('textbox', { name: 'Credential', exact: true }).fill('Medical Exercise Specialist');
	await credentials.getByLabel('Issuing body').fill('American Academy of Health and Fitness');
	await credentials.getByLabel('Year issued').fill('20199');
	await credentials.getByRole('button', { name: 'Add credential' }).click();
	const alert = credentials.getByRole('alert');
	await expect(alert).toBeFocused();
	await expect(alert).toContainText('Year issued: Enter the year it was issued, as four digits.');
	await checkBothWidths(page, 'profile, credential refused');
	// The summary's line leads to the field, by keyboard; what was typed is still there.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	const year = credentials.getByLabel('Year issued');
	await expect(year).toBeFocused();
	await expect(credentials.getByLabel('Issuing body')).toHaveValue('American Academy of Health and Fitness');
	await year.fill('2019');
	await page.keyboard.press('Enter');
	await expect(credentials.getByRole('status')).toHaveText('Medical Exercise Specialist is added to your credentials.');
	await expect(credentials.getByRole('listitem')).toHaveText([/Medical Exercise Specialist\s*American Academy of Health and Fitness, 2019/]);
	await expect(credentials.getByRole('textbox', { name: 'Credential', exact: true })).toHaveValue('');

	const education = page.getByRole('region', { name: 'Continuing education' });
	await education.getByRole('textbox', { name: 'Course', exact: true }).fill('Exercise and osteoporosis');
	await education.getByLabel('Hours').fill('6.5');
	await education.getByLabel('Date completed').fill('2026-01-15');
	await education.getByRole('button', { name: 'Add course' }).click();
	await expect(education.getByRole('listitem')).toHaveText([/Exercise and osteoporosis\s*6\.5 hours · completed 15 January 2026/]);
	await checkBothWidths(page, 'profile, filled in');

	// Saved on the server: a reload shows the same profile.
	await page.reload();
	await expect(page.getByLabel('Outcomes statement')).toHaveValue(/^Most of my clients/);
	await expect(page.getByRole('button', { name: 'Remove Medical Exercise Specialist' })).toBeVisible();
});

test('the provider reads About the trainer below the shared report: name, outcomes, credentials', async ({ page, browser, trainer, providerLink }) => {
	await visit(page, '/settings/profile');
	await page.getByLabel('Outcomes statement').fill('Most of my clients walk further within twelve weeks.');
	await page.getByRole('button', { name: 'Save outcomes and specialties' }).click();
	await expect(page.getByRole('status')).toHaveText('Your outcomes, specialties and conditions are saved.');
	const credentials = page.getByRole('region', { name: 'Credentials' });
	await credentials.getByRole('textbox', { name: 'Credential', exact: true }).fill('Medical Exercise Specialist');
	await credentials.getByLabel('Issuing body').fill('American Academy of Health and Fitness');
	await credentials.getByLabel('Year issued').fill('2019');
	await credentials.getByRole('button', { name: 'Add credential' }).click();
	await expect(credentials.getByRole('status')).toBeVisible();

	const provider = await browser.newContext({ viewport: DESKTOP });
	try {
		const report = await provider.newPage();
		await openSharePage(report, providerLink.url);
		const about = report.getByRole('region', { name: 'About the trainer' });
		await expect(about).toContainText(trainer.name);
		await expect(about.getByText('Most of my clients walk further within twelve weeks.')).toBeVisible();
		await expect(about.getByRole('list', { name: 'Credentials' }).getByRole('listitem')).toHaveText([
			'Medical Exercise Specialist (American Academy of Health and Fitness, 2019)'
		]);
		await checkBothWidths(report, 'share page with About the trainer');
	} finally {
		await provider.close();
	}
});
