// A trainer turns on two-factor sign-in in Chromium with codes computed as an authenticator app
// computes them from the key on the screen, then signs in with a code and with a recovery code.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { expect, test, type Page } from '@playwright/test';
import { totpAt, TOTP_PERIOD_SECONDS } from '../../server/auth/two-factor.ts';
import { expectNoAxeViolations } from './axe.ts';
import { atPath, hydrated, newTrainer, SCREENS, signUp, visit, type Trainer } from './helpers.ts';

async function signInWithPassword(page: Page, trainer: Trainer): Promise<void> {
	await page.context().clearCookies();
	await visit(page, '/signin');
	await page.getByLabel('Email').fill(trainer.email);
	await page.getByLabel('Password').fill(trainer.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeVisible();
	await hydrated(page);
}

test('a trainer turns on two-factor sign-in, then signs in with a code from the app and once with a recovery code', async ({ page }) => {
	const trainer = newTrainer('two-factor');
	await signUp(page, trainer);
	await visit(page, '/account');
	await page.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeVisible();
	await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
	await hydrated(page);
	await expectNoAxeViolations(page, 'two-factor setup');
	const key = decodeBase32IgnorePadding((await page.getByLabel('Setup key').inputValue()).replace(/\s/g, ''));

	const code = page.getByLabel('Code from your app');
	await code.fill('12345');
	await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
	await expect(code).toHaveAccessibleDescription('Enter the 6-digit code your app shows for Bridgework.');
	await code.fill(totpAt(key, Date.now()));
	await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();

	const codesPanel = page.getByRole('region', { name: 'Your recovery codes' });
	await expect(codesPanel).toBeFocused();
	await expect(codesPanel.getByRole('status')).toHaveText('Two-factor sign-in is on. Every other device was signed out.');
	const recoveryCodes = await codesPanel.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
	expect(recoveryCodes).toHaveLength(10);
	await page.screenshot({ path: `${SCREENS}/two-factor-codes.png`, fullPage: true });

	// Signing in now takes the password and then a code.
	await signInWithPassword(page, trainer);
	await expectNoAxeViolations(page, 'two-factor sign-in');
	const box = page.getByLabel('Authentication code');
	await expect(box).toBeFocused();
	await box.fill('000000' === totpAt(key, Date.now()) ? '111111' : '000000');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toContainText('That code is not right.');
	await box.fill(totpAt(key, Date.now() + TOTP_PERIOD_SECONDS * 1000));
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(atPath('/clients'));

	// No phone: a recovery code signs in once, and says how many are left.
	await signInWithPassword(page, trainer);
	await page.getByLabel('Authentication code').fill(recoveryCodes[0]!);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(atPath('/account/two-factor'));
	await expect(page.getByRole('status').first()).toContainText('You signed in with a recovery code, which works no more. 9 left.');

	await signInWithPassword(page, trainer);
	await page.getByLabel('Authentication code').fill(recoveryCodes[0]!);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toContainText('That code is not right.');
});
