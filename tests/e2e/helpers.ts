// Shared steps of the end-to-end tests: a person's way through the app, by role and label.
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../../server/testing/smtp.ts';

export const SESSION_COOKIE = 'bw_session';
/** Where tests leave screenshots of the screens they pass through, for people to look at. */
export const SCREENS = 'test-results/screens';
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A full-page screenshot of the screen a test reached, where SCREENSHOTS_DIR asks for them. */
export async function shot(page: Page, name: string): Promise<void> {
	const folder = process.env.SCREENSHOTS_DIR;
	if (folder) await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}

export interface Trainer {
	name: string;
	email: string;
	password: string;
}

export function uniqueTag(): string {
	return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function newTrainer(label: string): Trainer {
	const tag = uniqueTag();
	return { name: `Trainer ${label} ${tag}`, email: `${label}-${tag}@example.com`, password: 'correct horse battery' };
}

export const atPath = (pathname: string) => (url: URL) => url.pathname === pathname;
/** Matches text that starts with `text`: another person's caret adds its name label after it. */
export const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/**
 * Waits until the page has hydrated (the root layout marks <html data-hydrated>). Typing earlier is
 * lost (hydration resets the inputs' values) and JavaScript-only buttons do nothing.
 */
export async function hydrated(page: Page): Promise<void> {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Opens a page and waits until it has hydrated. */
export async function visit(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await hydrated(page);
}

/**
 * Opens a provider's share page and waits until its live view is in step. The page runs no
 * SvelteKit client (it never hydrates): its one script marks <html data-live-state>.
 */
export async function openSharePage(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.locator('html[data-live-state="live"]').waitFor({ state: 'attached' });
}

export async function signUp(page: Page, trainer: Trainer): Promise<void> {
	await visit(page, '/signup');
	await page.getByLabel('Your name').fill(trainer.name);
	await page.getByLabel('Practice name').fill('Moving Well Clinic');
	await page.getByLabel('Email').fill(trainer.email);
	await page.getByLabel('Password').fill(trainer.password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(atPath('/clients'));
	await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
	await expect(page.getByText(`Signed in as ${trainer.name}`)).toBeVisible();
}

/**
 * Sign-up on an app that mails (its own server, started with a test mailbox): the account opens by
 * the link mailed to it, followed here as its owner would follow it.
 */
export async function signUpByMail(page: Page, appUrl: string, mailbox: TestSmtpServer, trainer: Trainer): Promise<void> {
	await visit(page, `${appUrl}/signup`);
	await page.getByLabel('Your name').fill(trainer.name);
	await page.getByLabel('Email').fill(trainer.email);
	await page.getByLabel('Password').fill(trainer.password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
	const { mail } = await mailbox.waitFor((r) => r.envelopeTo.includes(trainer.email) && r.mail.subject === 'Confirm your email address for Bridgework');
	const link = /(http:\/\/\S+\/verify\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
	expect(link).toBeDefined();
	await visit(page, link!);
	await page.getByRole('button', { name: 'Confirm this address' }).click();
	await expect(page).toHaveURL(atPath('/clients'));
}

/** Signs a trainer up in a context of their own, so the caller's page stays signed out. */
export async function signUpElsewhere(browser: Browser, trainer: Trainer): Promise<void> {
	const context = await browser.newContext();
	try {
		await signUp(await context.newPage(), trainer);
	} finally {
		await context.close();
	}
}

export async function addClient(page: Page, name: string, { dateOfBirth = '1956-04-21' } = {}): Promise<void> {
	await visit(page, '/clients');
	await page.getByRole('button', { name: 'Add a client' }).click();
	const form = page.getByRole('region', { name: 'Add a client' });
	await form.getByLabel('Name').fill(name);
	await form.getByLabel('Email').fill(`client-${uniqueTag()}@example.com`);
	await form.getByLabel('Date of birth').fill(dateOfBirth);
	await form.getByLabel('Notes').fill('New left knee in 2023. Goal: walk 5 km to the market.');
	await form.getByRole('button', { name: 'Save client' }).click();
	await expect(page).toHaveURL(new RegExp(`/clients/${UUID}$`));
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** On a client's page: creates a progress log and returns the document's URL. */
export async function createProgressLog(page: Page, title: string): Promise<string> {
	await page.getByLabel('Title').fill(title);
	// A blank document: the tests count paragraphs, and templates start with their own.
	await page.getByLabel('Kind').selectOption({ label: 'Blank document' });
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return page.url();
}

/** Signs a new trainer up on `page` and gives them a client with an empty progress log, open on `page`. */
export async function newDocument(page: Page, label: string, clientName: string) {
	const trainer = newTrainer(label);
	const title = `Progress log ${uniqueTag()}`;
	await signUp(page, trainer);
	await addClient(page, clientName);
	const url = await createProgressLog(page, title);
	return { trainer, title, url };
}

export const editorOf = (page: Page, title: string) => page.getByRole('textbox', { name: `${title}, document text` });
export const syncStatus = (page: Page) => page.getByRole('status');

/**
 * Puts the caret at the end of the text. ProseMirror settles the caret a moment after a click or a
 * focus, which can undo a Control+End pressed at once: so it presses again until the caret is
 * there, with nothing after it but other people's carets.
 */
export async function caretToEnd(page: Page, editor: Locator): Promise<void> {
	await editor.focus();
	await expect
		.poll(
			async () => {
				await page.keyboard.press('Control+End');
				return editor.evaluate((element) => {
					const selection = getSelection();
					if (!selection?.isCollapsed || !selection.focusNode || !element.contains(selection.focusNode)) return false;
					const after = document.createRange();
					after.selectNodeContents(element);
					after.setStart(selection.focusNode, selection.focusOffset);
					const rest = after.cloneContents();
					for (const caret of rest.querySelectorAll('.collaboration-carets__caret')) caret.remove();
					return (rest.textContent ?? '') === '';
				});
			},
			{ message: 'the caret to reach the end of the text' }
		)
		.toBe(true);
}

export async function typeAtEnd(page: Page, editor: Locator, text: string, newParagraph = false): Promise<void> {
	await caretToEnd(page, editor);
	if (newParagraph) await page.keyboard.press('Enter');
	await page.keyboard.type(text);
}

/** On the trainer's client page: invites the client and returns the one-time link. */
export async function inviteClient(page: Page, clientName: string): Promise<string> {
	await page.getByRole('button', { name: `Invite ${clientName} to co-edit` }).click();
	const link = page.getByLabel('Invitation link');
	await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{27}$/);
	return link.inputValue();
}

/**
 * The client opens the invitation, creates an account and signs the consent. The form ticks the
 * clinical reports only; the tests' documents are blank pages, so the client ticks those too.
 */
export async function acceptInvitationAndConsent(page: Page, link: string, clientName: string): Promise<void> {
	await visit(page, link);
	await expect(page.getByLabel('Your name')).toHaveValue(clientName);
	await page.getByLabel('Email').fill(`client-${uniqueTag()}@example.com`);
	await page.getByLabel('Password').fill('correct horse battery');
	await page.getByRole('button', { name: 'Create account and continue' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your consent' })).toBeVisible();
	await hydrated(page);
	await expect(page.getByLabel('Full consent text')).toContainText('I may revoke this consent at any time');
	const kinds = page.getByRole('group', { name: '1. Which information' });
	await expect(kinds.getByLabel('Progress report to a provider', { exact: true })).toBeChecked();
	await expect(kinds.getByLabel('Progress log', { exact: true })).not.toBeChecked();
	await kinds.getByLabel('Blank document', { exact: true }).check();
	await page.getByLabel('I have read this consent and I agree to it.').check();
	await page.getByLabel('Type your full name to sign').fill(clientName);
	await page.getByRole('button', { name: 'Sign consent' }).click();
	await expect(page).toHaveURL(atPath('/my'));
	await expect(page.getByText('Your consent is in force.')).toBeVisible();
}

/**
 * Waits until the service worker is active (it precaches the app first), makes sure it controls the
 * page (a page loaded before activation is claimed, or else reloaded), then loads each page through it.
 */
export async function cacheForOffline(page: Page, urls: string[]): Promise<void> {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	for (const url of urls) await visit(page, url);
}

/** Signs the trainer in on a browser context of its own and opens `url` there. */
export async function openElsewhere(browser: Browser, trainer: Trainer, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await visit(page, '/signin');
	await page.getByLabel('Email').fill(trainer.email);
	await page.getByLabel('Password').fill(trainer.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText(`Signed in as ${trainer.name}`)).toBeVisible();
	await visit(page, url);
	return { page, close: () => context.close() };
}
