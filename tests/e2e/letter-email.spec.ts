// A letter from a template, emailed to a provider from the directory in Chromium, against an app of
// its own that mails through a real SMTP server: what arrives is read as it arrived.
import { expect, test } from '@playwright/test';
import { startSmtpServer, type TestSmtpServer } from '../../server/testing/smtp.ts';
import { startServer, type RunningServer } from '../integration/helpers/server.ts';
import { expectNoAxeViolations } from './axe.ts';
import { newTrainer, SCREENS, signUpByMail, UUID, visit } from './helpers.ts';

let smtp: TestSmtpServer;
let app: RunningServer;

test.beforeAll(async () => {
	smtp = await startSmtpServer();
	app = await startServer({ mailbox: smtp });
});
test.afterAll(async () => {
	await app?.stop();
	await smtp?.close();
});

test('a trainer emails an introduction letter to a physician from the directory: PDF attached, replies to the trainer, logged on the timeline', async ({
	page
}) => {
	const trainer = newTrainer('letter');
	await signUpByMail(page, app.url, smtp, trainer);
	const providerEmail = `reyes-${Date.now()}@riverside.example`;

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
	await page.getByRole('button', { name: 'Add a provider' }).click();
	const form = page.getByRole('region', { name: 'Add a provider' });
	await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Dr Ana Reyes');
	await form.getByLabel('Role').selectOption({ label: 'Physician' });
	await form.getByRole('textbox', { name: 'Practice name', exact: true }).fill('Riverside Orthopaedics');
	await form.getByRole('textbox', { name: 'Email', exact: true }).fill(providerEmail);
	await form.getByRole('button', { name: 'Save provider' }).click();
	await expect(page).toHaveURL(new RegExp(`/providers/${UUID}$`));
	const providerUrl = page.url();
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
	await page.getByLabel('Kind').selectOption({ label: 'Introductory letter to a physician' });
	await page.getByLabel('Provider from your directory').selectOption({ label: 'Dr Ana Reyes (Physician, Riverside Orthopaedics)' });
	await page.getByLabel('Title').fill('Introducing our practice');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));

	await page.getByRole('link', { name: 'Email this letter' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Email “Introducing our practice”' })).toBeVisible();
	await expectNoAxeViolations(page, 'email a letter');
	await page.getByLabel('To').selectOption({ label: `Dr Ana Reyes, Riverside Orthopaedics (${providerEmail})` });
	await page.getByLabel('Subject').fill('Introduction: exercise for your patients');
	await page.getByRole('button', { name: 'Send the letter' }).click();
	await expect(page.getByRole('status').first()).toContainText(`On its way to Dr Ana Reyes (${providerEmail}), with the letter as a PDF.`);
	await page.screenshot({ path: `${SCREENS}/letter-emailed.png`, fullPage: true });

	const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(providerEmail));
	expect(mail.subject).toBe('Introduction: exercise for your patients');
	expect(mail.replyTo?.value[0]?.address).toBe(trainer.email);
	expect(mail.text).toContain(`Replying to this email reaches ${trainer.name}.`);
	expect(mail.attachments.map((file) => file.contentType)).toEqual(['application/pdf']);
	expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');

	await visit(page, providerUrl);
	await expect(page.getByRole('list', { name: 'Touchpoints, newest first' })).toContainText('Letter emailed');
});
