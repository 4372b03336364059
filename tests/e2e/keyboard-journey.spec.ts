// The trainer's first hour with the keyboard alone (issue 16.7): sign up, add a client, invite
// them, create a document, type in it, create a share link and copy it. Only keys are pressed (Tab,
// Shift+Tab, Enter, Space, typing): no click, no fill, no focus(). At every stop the test checks
// where focus is, that it can be seen, and how many Tabs it took to get there.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { acceptInvitationAndConsent, atPath, hydrated, newTrainer, uniqueTag, UUID, visit } from './helpers.ts';

/** What has focus, in words, for a failure message: its role or tag and its name. */
function describeFocus(page: Page): Promise<string> {
	return page.evaluate(() => {
		const element = document.activeElement;
		if (!element || element === document.body) return 'the page body';
		const name =
			element.getAttribute('aria-label') ??
			(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement
				? [...(element.labels ?? [])].map((label) => label.textContent?.trim()).join(' ')
				: element.textContent?.trim().slice(0, 40));
		return `${element.getAttribute('role') ?? element.tagName.toLowerCase()} “${name ?? ''}”`;
	});
}

/**
 * Presses `key` (Tab, or Shift+Tab to go back) until `target` has focus, and returns how many
 * presses it took; fails after `max`, listing every stop on the way.
 */
async function tabTo(page: Page, target: Locator, max: number, key = 'Tab'): Promise<number> {
	await target.waitFor();
	const stops: string[] = [];
	for (let presses = 1; presses <= max; presses++) {
		await page.keyboard.press(key);
		if (await target.evaluate((element) => element === document.activeElement)) return presses;
		stops.push(await describeFocus(page));
	}
	throw new Error(`${max} presses of ${key} did not reach the target; focus went to: ${stops.join(', ')}`);
}

/**
 * The focused element shows that it is: a computed outline (not none, wider than 0) or a box
 * shadow. WCAG 2.4.7; the app draws its ring with :focus-visible.
 */
async function expectVisibleFocus(target: Locator): Promise<void> {
	await expect(target).toBeFocused();
	const ring = await target.evaluate((element) => {
		const style = getComputedStyle(element);
		return { outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth), boxShadow: style.boxShadow };
	});
	const visible = (ring.outlineStyle !== 'none' && ring.outlineWidth > 0) || (ring.boxShadow !== 'none' && ring.boxShadow !== '');
	expect(visible, `focus indicator of the focused element: ${JSON.stringify(ring)}`).toBe(true);
}

/** Reaches `target` with `key`, checks its focus ring, and records the count under `label`. */
async function reach(page: Page, counts: Record<string, number>, label: string, target: Locator, max: number, key = 'Tab'): Promise<void> {
	counts[label] = await tabTo(page, target, max, key);
	await expectVisibleFocus(target);
}

/** From the top of a page: the first Tab reaches "Skip to content", and Enter moves into the page. */
async function skipToContent(page: Page, counts: Record<string, number>, label: string): Promise<void> {
	await hydrated(page);
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await reach(page, counts, `${label}: skip link`, skip, 1);
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
	// Not through the address: SvelteKit would send focus back to #main after every form action.
	expect(new URL(page.url()).hash).toBe('');
}

test('a trainer signs up, adds and invites a client, writes a document and shares it, with the keyboard alone', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
	const clientContext = await browser.newContext();
	const page = await context.newPage();
	const counts: Record<string, number> = {};
	const trainer = newTrainer('keyboard');
	const clientName = 'Keisha Keys';
	try {
		// Sign-up: the fields in order, the button after them.
		await visit(page, '/signup');
		// The skip link and the brand link first.
		await reach(page, counts, 'sign-up: Your name', page.getByLabel('Your name'), 3);
		await page.keyboard.type(trainer.name);
		await reach(page, counts, 'sign-up: Practice name', page.getByLabel('Practice name'), 1);
		await page.keyboard.type('Keyboard Clinic');
		await reach(page, counts, 'sign-up: Email', page.getByLabel('Email'), 1);
		await page.keyboard.type(trainer.email);
		await reach(page, counts, 'sign-up: Password', page.getByLabel('Password'), 1);
		await page.keyboard.type(trainer.password);
		await reach(page, counts, 'sign-up: Create account', page.getByRole('button', { name: 'Create account' }), 1);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(atPath('/clients'));
		await expect(page.getByText(`Signed in as ${trainer.name}`)).toBeVisible();

		// Add a client: the button opens the form with focus in its first field.
		await skipToContent(page, counts, 'clients');
		const add = page.getByRole('button', { name: 'Add a client' });
		await reach(page, counts, 'clients: Add a client', add, 2);
		await page.keyboard.press('Enter');
		const form = page.getByRole('region', { name: 'Add a client' });
		await expectVisibleFocus(form.getByLabel('Name'));
		await page.keyboard.type(clientName);
		await reach(page, counts, 'add client: Email', form.getByLabel('Email'), 1);
		await page.keyboard.type(`keisha-${trainer.email}`);
		// Past the date of birth, left empty: its month, day and year, and its calendar button.
		await reach(page, counts, 'add client: Notes', form.getByLabel('Notes'), 6);
		await page.keyboard.type('Type 2 diabetes. Goal: garden without a break.');
		await reach(page, counts, 'add client: Save client', form.getByRole('button', { name: 'Save client' }), 1);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/clients/${UUID}$`));
		await expect(page.getByRole('heading', { level: 1, name: clientName })).toBeVisible();
		await expectNoAxeViolations(page, 'client page, reached by keyboard');

		// Invite the client: the one-time link is shown, with focus on its "Copy link".
		await skipToContent(page, counts, 'client page');
		const invite = page.getByRole('button', { name: `Invite ${clientName} to co-edit` });
		await reach(page, counts, 'client page: Invite', invite, 12);
		await page.keyboard.press('Enter');
		await expect(page.getByLabel('Invitation link')).toHaveValue(/\/invite\/[A-Za-z0-9_-]{27}$/);
		const invitation = await page.getByLabel('Invitation link').inputValue();
		const copyInvitation = page.getByRole('button', { name: 'Copy link' });
		await expectVisibleFocus(copyInvitation);
		// The client signs the consent in their own browser (how they do it is not this test's subject).
		await acceptInvitationAndConsent(await clientContext.newPage(), invitation, clientName);

		// A new document: back up the page to the form, a blank document chosen by typing its name.
		const kind = page.getByLabel('Kind');
		await reach(page, counts, 'client page: back from Copy link to Kind', kind, 8, 'Shift+Tab');
		await page.keyboard.type('Blank document');
		await expect(kind).toHaveValue('blank');
		const title = `Session notes ${uniqueTag()}`;
		await reach(page, counts, 'client page: Title', page.getByLabel('Title'), 1);
		await page.keyboard.type(title);
		// Past the "private working notes" box, left unticked.
		await reach(page, counts, 'client page: Create document', page.getByRole('button', { name: 'Create document' }), 2);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

		// Typing: into the editor past the page's actions and the formatting toolbar (one stop).
		await skipToContent(page, counts, 'document');
		const editor = page.getByRole('textbox', { name: `${title}, document text` });
		// Breadcrumb (2), Available offline, Print, Share, Rename, Archive, Delete, private notes, toolbar.
		await reach(page, counts, 'document: editor', editor, 12);
		const text = 'Walked to the allotment and back without a rest.';
		await page.keyboard.type(text);
		await expect(editor).toContainText(text);
		await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

		// To the sharing page, back up the page to its link.
		const share = page.getByRole('link', { name: 'Share with a provider' });
		await reach(page, counts, 'document: back from editor to Share with a provider', share, 8, 'Shift+Tab');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/sharing$/);
		await expect(page.getByRole('heading', { level: 1, name: `Share “${title}”` })).toBeVisible();

		// A link for a provider: name, role chosen by typing, practice, then Create link.
		await skipToContent(page, counts, 'sharing');
		await reach(page, counts, "sharing: Provider's name", page.getByLabel("Provider's name"), 6);
		await page.keyboard.type('Dr Keith Okafor');
		const role = page.getByLabel('Role');
		await reach(page, counts, 'sharing: Role', role, 1);
		await page.keyboard.type('Physical t');
		await expect(role).toHaveValue('physical_therapist');
		await reach(page, counts, 'sharing: Practice', page.getByLabel('Practice'), 1);
		await page.keyboard.type('Northside Physio');
		const create = page.getByRole('button', { name: 'Create link' });
		// Past Email, its three boxes, the message and the expiry choice (one stop).
		await reach(page, counts, 'sharing: Create link', create, 8);
		await page.keyboard.press('Enter');
		const link = page.getByLabel('Share link');
		await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{27}$/);
		// Issue 16.3: the next thing to do has focus at once, not the page body.
		const copy = page.getByRole('button', { name: 'Copy link' });
		await expectVisibleFocus(copy);
		counts['sharing: Copy link after Create link'] = 0;
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: 'Copied' })).toBeFocused();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
		await expectNoAxeViolations(page, 'sharing page after a link, by keyboard');
	} finally {
		// The Tab presses each stop took (from the previous stop), for the run's log.
		console.log(`keyboard journey, presses per stop: ${JSON.stringify(counts, null, 1)}`);
		await context.close();
		await clientContext.close();
	}
});
