// The forgotten-password journey in Chromium, against an app of its own that mails through a real
// SMTP server (smtp-server) started here: the link is read from the message as it arrived.
import { expect, test } from '@playwright/test';
import { startSmtpServer, type TestSmtpServer } from '../../server/testing/smtp.ts';
import { startServer, type RunningServer } from '../integration/helpers/server.ts';
import { atPath, hydrated, newTrainer, signUpByMail, visit } from './helpers.ts';

let smtp: TestSmtpServer;
let app: RunningServer;

test.beforeAll(async () => {
	smtp = await startSmtpServer();
	app = await startServer({ mailbox: smtp, env: { MAIL_FROM: 'Bridgework <no-reply@bridgework.test>' } });
});
test.afterAll(async () => {
	await app?.stop();
	await smtp?.close();
});

test('a trainer who forgot the password resets it by email; the other devices are signed out', async ({ page, browser }) => {
	const trainer = newTrainer('reset');
	await signUpByMail(page, app.url, smtp, trainer);

	// Another device, still signed in from before.
	const other = await browser.newContext();
	const otherPage = await other.newPage();
	await visit(otherPage, `${app.url}/signin`);
	await otherPage.getByLabel('Email').fill(trainer.email);
	await otherPage.getByLabel('Password').fill(trainer.password);
	await otherPage.getByRole('button', { name: 'Sign in' }).click();
	await expect(otherPage).toHaveURL(atPath('/clients'));

	// This browser forgets: signed out, then "Forgot your password?".
	await page.context().clearCookies();
	await visit(page, `${app.url}/signin`);
	await page.getByRole('link', { name: 'Forgot your password?' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
	await hydrated(page);
	await page.getByLabel('Email').fill(trainer.email);
	await page.getByRole('button', { name: 'Email me a reset link' }).click();
	await expect(page.getByRole('status')).toContainText(`If an account uses ${trainer.email}, we have emailed it a link`);

	const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(trainer.email) && r.mail.subject === 'Reset your Bridgework password');
	const link = /(http:\/\/\S+\/reset\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
	expect(link).toBeDefined();

	await visit(page, link!);
	await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
	await page.getByLabel(/^New password\s*\*?$/).fill('a fresh long password');
	await page.getByLabel('New password again').fill('not the same password');
	await page.getByRole('button', { name: 'Save new password' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await summary.getByRole('link', { name: 'New password again: The two passwords are not the same.' }).click();
	await expect(page.getByLabel('New password again')).toBeFocused();
	await expect(page.getByLabel('New password again')).toHaveAttribute('aria-invalid', 'true');

	await page.getByLabel(/^New password\s*\*?$/).fill('a fresh long password');
	await page.getByLabel('New password again').fill('a fresh long password');
	await page.getByRole('button', { name: 'Save new password' }).click();
	await expect(page).toHaveURL(atPath('/signin'));
	await expect(page.getByRole('status')).toContainText('Your password was changed and every device was signed out.');

	await page.getByLabel('Email').fill(trainer.email);
	await page.getByLabel('Password').fill('a fresh long password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(atPath('/clients'));

	// The device signed in before the reset is out.
	await otherPage.goto(`${app.url}/clients`);
	await expect(otherPage).toHaveURL(atPath('/signin'));
	await other.close();

	// The link works once.
	await visit(page, link!);
	await expect(page.getByRole('alert')).toHaveText('This link has expired or was already used. Reset links work once, for one hour.');
	await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
});
