// An accessibility tour: every main page state, at desktop and phone widths, checked by axe-core,
// and at 390 and 320 px checked to reflow without scrolling sideways (WCAG 1.4.10).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { acceptInvitationAndConsent, addClient, inviteClient, newTrainer, SCREENS, signUp, openSharePage, typeAtEnd, UUID, visit } from './helpers.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// WCAG 1.4.10: 1280 CSS px at 400 % zoom.
const NARROW = { width: 320, height: 640 };

/** What sticks out past the right edge of the viewport, to say why a page scrolls sideways. */
function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		// Inside a box that scrolls, unless positioned out of it (an absolute box belongs to its positioned ancestor).
		const isClipped = (element: Element) => {
			for (let up = element; up.parentElement && up.parentElement !== document.body; up = up.parentElement) {
				if (['absolute', 'fixed'].includes(getComputedStyle(up).position)) return false;
				if (getComputedStyle(up.parentElement).overflowX !== 'visible') return true;
			}
			return false;
		};
		const found: string[] = [];
		for (const element of document.body.querySelectorAll('*')) {
			const box = element.getBoundingClientRect();
			if (box.right <= window.innerWidth + 0.5 || box.width === 0) continue;
			// Only the outermost: their descendants stick out with them.
			const parent = element.parentElement;
			if (parent && parent.getBoundingClientRect().right > window.innerWidth + 0.5) continue;
			// What scrolls inside its own box does not widen the page.
			if (isClipped(element)) continue;
			const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
			found.push(`${element.tagName.toLowerCase()}${classes} (right edge ${Math.round(box.right)} px)`);
		}
		return found;
	});
}

/**
 * The page is no wider than the viewport: a reader who zooms to 400 % (320 px) scrolls in one
 * direction only. Wide content (tables) may scroll inside its own region, not the page.
 */
async function expectReflows(page: Page, label: string): Promise<void> {
	const viewport = page.viewportSize()!.width;
	const width = () => page.evaluate(() => document.documentElement.scrollWidth);
	// Charts and layout settle after a resize: wait until the page fits, then assert, saying what sticks out.
	await expect
		.poll(width, { timeout: 3_000 })
		.toBeLessThanOrEqual(viewport)
		.catch(() => undefined);
	const measured = await width();
	console.log(`reflow ${label}: ${measured} px wide at ${viewport}`);
	const sticking = measured > viewport ? (await overflowing(page)).join(', ') : '';
	expect.soft(measured, `${label} @${viewport} scrolls sideways; sticking out: ${sticking || 'nothing found'}`).toBeLessThanOrEqual(viewport);
}

/** Checks the state at the three widths and leaves the page at desktop width. */
async function check(page: Page, label: string): Promise<void> {
	await expectNoAxeViolations(page, `${label} @1280`);
	await page.setViewportSize(PHONE);
	await expectReflows(page, label);
	await expectNoAxeViolations(page, `${label} @390`);
	await page.setViewportSize(NARROW);
	await expectReflows(page, label);
	await expectNoAxeViolations(page, `${label} @320`);
	await page.setViewportSize(DESKTOP);
}

async function recordMeasure(form: Locator, measure: string, date: string, value: string): Promise<void> {
	await form.getByLabel('Measure').selectOption({ label: measure });
	await form.getByLabel('Date taken').fill(date);
	await form.getByLabel('Value', { exact: false }).fill(value);
	await form.getByRole('button', { name: 'Add measure' }).click();
	await expect(form.getByText(`Added ${measure}:`)).toBeVisible();
}

test('the main pages have no WCAG 2.2 A/AA violation axe can find at 1280, 390 and 320 px, and reflow at 390 and 320 px', async ({ browser }) => {
	// About 25 states at three widths, with three people: longer than one journey on a loaded machine.
	test.setTimeout(420_000);
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

		// A report with measures, so its table and charts are on the page, and on the provider's.
		await visit(trainer!, clientUrl);
		await trainer!.getByLabel('Title').fill('Progress report');
		await trainer!.getByLabel('Kind').selectOption({ label: 'Progress report to a provider' });
		await trainer!.getByLabel('Name, as you address them').fill('Dr Priya Raman');
		await trainer!.getByRole('button', { name: 'Create document' }).click();
		await expect(trainer!).toHaveURL(new RegExp(`/documents/${UUID}$`));
		const documentUrl = trainer!.url();
		const editor = trainer!.getByRole('textbox', { name: 'Progress report, document text' });
		await typeAtEnd(trainer!, editor, 'Walked 5 km.', true);
		await trainer!.keyboard.press('Enter');
		await trainer!.keyboard.press('Control+Shift+9');
		await trainer!.keyboard.type('Stairs twice a day');
		await expect(editor.getByRole('checkbox')).toHaveCount(1);
		const measures = trainer!.getByRole('form', { name: 'Record a measure' });
		await recordMeasure(measures, 'Timed up-and-go', '2025-09-01', '14.2');
		await recordMeasure(measures, 'Timed up-and-go', '2025-11-01', '11.1');
		await expect(trainer!.getByRole('img', { name: /^Timed up-and-go over time/ })).toBeVisible();
		await check(trainer!, 'document with measures');
		// The report made into a de-identified sample: a practice document, its measures a table in weeks.
		await expect(trainer!.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
		await trainer!.getByRole('button', { name: 'Make a de-identified sample' }).click();
		await expect(trainer!.getByRole('status').filter({ hasText: 'Sample made' })).toBeVisible();
		const sample = trainer!.getByRole('textbox', { name: /de-identified, document text$/ });
		await expect(sample.getByRole('table')).toContainText('Timed up-and-go');
		await expect(sample).toContainText('[client]');
		await expect(sample).not.toContainText(clientName);
		await check(trainer!, 'de-identified sample');
		// One client is fewer than five: the summary says the group is suppressed.
		await visit(trainer!, '/providers/outcomes');
		await expect(trainer!.getByRole('table', { name: 'Outcomes per measure and condition' })).toContainText('Suppressed: fewer than 5 clients');
		await check(trainer!, 'outcome summary');
		await visit(trainer!, '/documents');
		await check(trainer!, 'documents');

		await visit(trainer!, `${documentUrl}/sharing`);
		await trainer!.getByLabel("Provider's name").fill('Dr Priya Raman');
		await trainer!.getByLabel('Role').selectOption({ label: 'Physical therapist' });
		await trainer!.getByLabel('Practice').fill('Riverside Physical Therapy');
		// The report's template prompts are left as they are: the review asks to confirm that.
		const newLink = trainer!.getByRole('region', { name: 'New link for a provider' });
		await newLink.getByRole('checkbox', { name: /^Send it with the \d+ unfilled prompts/ }).check();
		await newLink.getByRole('button', { name: 'Create link' }).click();
		const link = trainer!.getByLabel('Share link');
		await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{27}$/);
		const shareUrl = await link.inputValue();
		await expect(trainer!.getByRole('button', { name: 'Copy link' })).toBeFocused();
		// Wide tables scroll inside a region of their own that a keyboard can reach.
		const links = trainer!.getByRole('region', { name: 'Links for providers' });
		await expect(links.getByRole('table')).toBeVisible();
		await expect(links).toHaveAttribute('tabindex', '0');
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

		await openSharePage(provider!, shareUrl);
		await expect(provider!.getByRole('article', { name: 'Progress report, report text' })).toContainText('Walked 5 km.');
		await expect(provider!.getByRole('img', { name: /^Timed up-and-go over time/ })).toBeVisible();
		await check(provider!, "provider's share page");
		// On a phone the chart is drawn for the width of its box, not drawn wider and shrunk to fit.
		await provider!.setViewportSize(NARROW);
		const chart = provider!.getByRole('img', { name: /^Timed up-and-go over time/ });
		await expect.poll(() => chart.evaluate((svg) => Number(svg.getAttribute('width')) - (svg.parentElement?.clientWidth ?? 0))).toBeLessThanOrEqual(0);
		await provider!.screenshot({ path: `${SCREENS}/share-page-320.png`, fullPage: true });
		await provider!.setViewportSize(DESKTOP);
		for (const [url, label] of [
			['/signin', 'sign-in'],
			['/signup', 'sign-up'],
			['/forgot', 'forgotten password']
		]) {
			await visit(provider!, url!);
			await check(provider!, label!);
		}

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
			[`${clientUrl}/audit`, "client's audit trail"],
			['/providers/overview', 'providers overview'],
			['/providers/calendar', 'providers calendar'],
			['/', 'home'],
			['/account', 'account'],
			['/settings/language', 'language hints'],
			['/settings/export', 'export'],
			['/import', 'import'],
			['/outbox', 'outbox'],
			['/trash', 'trash']
		]) {
			await visit(trainer!, url!);
			await check(trainer!, label!);
		}
	} finally {
		await Promise.all(contexts.map((context) => context.close()));
	}
});
