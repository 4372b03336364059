// Documents that win referrals, end to end in Chromium against the built app: templates seeded on
// the server, outcome measures with validation and charts, the language check. (Presenting a talk:
// presenter.spec.ts.)
import type { Browser, Locator, Page } from '@playwright/test';
import { addClient as addClientWith, caretToEnd, expect, SCREENS, type SignedInTrainer, testAsTrainer as test, UUID, visit } from './fixtures.ts';

/** The clients here are born on 1 June 1952: the reports' reference values depend on age. */
const addClient = (page: Page, name: string) => addClientWith(page, name, { dateOfBirth: '1952-06-01' });

/** On a client's page: creates a document of a kind from its template. */
async function createDocument(page: Page, kind: string, provider?: string, screenshot?: string): Promise<string> {
	await page.getByLabel('Kind').selectOption({ label: kind });
	if (provider) await page.getByLabel('Name, as you address them').fill(provider);
	if (screenshot) await page.screenshot({ path: `${SCREENS}/${screenshot}`, fullPage: true });
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
	await expectSaved(page);
	return page.url();
}

const documentText = (page: Page): Locator => page.getByRole('textbox', { name: /document text$/ });

async function expectSaved(page: Page): Promise<void> {
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
}

/** The same trainer on a second device: a context of its own with the trainer's session. */
async function secondPage(browser: Browser, trainer: SignedInTrainer, url: string): Promise<Page> {
	const context = await browser.newContext({ storageState: trainer.storageState });
	const page = await context.newPage();
	await visit(page, url);
	await expectSaved(page);
	return page;
}

async function recordMeasure(form: Locator, measure: string, date: string, values: Record<string, string>): Promise<void> {
	await form.getByLabel('Measure').selectOption({ label: measure });
	await form.getByLabel('Date taken').fill(date);
	for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: false }).fill(value);
	await form.getByRole('button', { name: 'Add measure' }).click();
}

test('a progress report records measures, refuses a bad value, and charts each trend against its reference', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await addClient(page, 'Rosa Martin');
	await createDocument(page, 'Progress report to a provider', 'Dr Anna Patel', 'new-document.png');

	const text = documentText(page);
	for (const section of ['Function', 'Strength', 'Balance and coordination', 'Change from baseline', 'Recommendations']) {
		await expect(text.getByRole('heading', { name: section, exact: true })).toHaveCount(1);
	}
	await expect(text).toContainText('To: Dr Anna Patel');
	await expect(text).toContainText('does not diagnose or treat');

	const form = page.getByRole('form', { name: 'Record a measure' });
	await recordMeasure(form, 'Timed up-and-go', '2025-09-01', { Value: '1.2' });
	const value = form.getByLabel('Value (s)');
	await expect(value).toHaveAttribute('aria-invalid', 'true');
	await expect(value).toHaveAccessibleDescription('Timed up-and-go must be between 3 and 120 s; check the value and the unit.');
	await expect(page.getByText('No measures recorded yet.')).toBeVisible();

	await recordMeasure(form, 'Timed up-and-go', '2025-09-01', { Value: '14.2' });
	await expect(form.getByText('Added Timed up-and-go: 14.2 s on 1 Sept 2025.')).toBeVisible();
	await recordMeasure(form, 'Timed up-and-go', '2025-10-01', { Value: '12,6' });
	await recordMeasure(form, 'Timed up-and-go', '2025-11-01', { Value: '11.1' });

	await page.getByLabel('Sex for published norms').selectOption({ label: 'Female' });
	await recordMeasure(form, '30-second chair stand', '2025-09-01', { Value: '8' });
	await recordMeasure(form, '30-second chair stand', '2025-11-01', { Value: '11' });
	await recordMeasure(form, 'Blood pressure', '2025-09-01', { Systolic: '142', Diastolic: '88' });
	await recordMeasure(form, 'Blood pressure', '2025-11-01', { Systolic: '128', Diastolic: '78' });

	const tug = page.getByRole('img', { name: /^Timed up-and-go over time\. 3 values from 14\.2 s/ });
	await expect(tug.locator('g[data-mark="dot"] > *')).toHaveCount(3);
	await expect(tug.locator('g[data-mark="rule"] line')).toHaveCount(1);
	const bp = page.getByRole('img', { name: /^Blood pressure over time/ });
	await expect(bp.locator('g[data-mark="dot"] > *')).toHaveCount(4);

	const summary = page.getByRole('table', { name: 'Change from baseline' });
	const tugRow = summary.getByRole('row', { name: /^Timed up-and-go/ });
	await expect(tugRow).toContainText('14.2 s');
	await expect(tugRow).toContainText('11.1 s');
	await expect(tugRow).toContainText('−3.1 s (−22%) better');
	await expect(tugRow).toContainText('Fall risk: 12 s or more');
	// Age 73 and female on 1 Nov 2025: CDC STEADI's below-average cut-off is fewer than 10 stands.
	await expect(summary.getByRole('row', { name: /^30-second chair stand/ })).toContainText('fewer than 10 stands');
	await expect(page.getByRole('list').filter({ hasText: 'STEADI' }).first()).toBeVisible();

	await page.getByText('All entries (7)').click();
	await expectSaved(page);
	await page.screenshot({ path: `${SCREENS}/progress-report.png`, fullPage: true });
	await page.locator('.outcome-report').screenshot({ path: `${SCREENS}/outcome-report.png` });

	// Printed for the provider: the text, the change from baseline and the charts; no forms, no hints.
	await page.emulateMedia({ media: 'print' });
	await expect(form).toBeHidden();
	await expect(page.getByRole('complementary', { name: 'Language hints' })).toBeHidden();
	await expect(summary).toBeVisible();
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.screenshot({ path: `${SCREENS}/progress-report-print.png`, fullPage: true });
	await page.emulateMedia({ media: 'screen' });

	// What was stored survives a reload: it came back from the server, not from the form.
	await page.reload();
	const tugDots = page.getByRole('img', { name: /^Timed up-and-go over time/ }).locator('g[data-mark="dot"] > *');
	await expect(tugDots).toHaveCount(3);

	// A mistaken entry is deleted, and a mistaken deletion undone.
	await page.getByText('All entries (7)').click();
	await page.getByRole('button', { name: 'Delete Timed up-and-go: 12.6 s on 1 Oct 2025' }).click();
	await expect(tugDots).toHaveCount(2);
	await expect(page.getByText('Deleted Timed up-and-go: 12.6 s on 1 Oct 2025.')).toBeVisible();
	await page.getByRole('button', { name: 'Undo the deletion' }).click();
	await expect(tugDots).toHaveCount(3);
});

test('a trainer defines a measure of their own, and it is validated and charted like the others', async ({ page }) => {
	await addClient(page, 'Walter Brandt');
	await createDocument(page, 'Initial assessment summary');

	await page.getByText('A measure that is not in the list').click();
	const define = page.getByRole('form', { name: 'Define a measure' });
	await define.getByLabel('Name').fill('Floor to stand');
	await define.getByLabel('Unit').fill('s');
	await define.getByLabel('Lowest plausible value').fill('2');
	await define.getByLabel('Highest plausible value').fill('1');
	await define.getByRole('button', { name: 'Define measure' }).click();
	await expect(define.getByLabel('Highest plausible value')).toHaveAccessibleDescription('The highest value must be greater than the lowest.');
	await define.getByLabel('Highest plausible value').fill('120');
	await define.getByLabel('Decimal places').selectOption('1');
	await define.getByLabel('Better is').selectOption({ label: 'Lower' });
	await define.getByRole('button', { name: 'Define measure' }).click();
	await expect(define.getByText('Added “Floor to stand” to the measure list.')).toBeVisible();

	const form = page.getByRole('form', { name: 'Record a measure' });
	await recordMeasure(form, 'Floor to stand', '2025-10-01', { Value: '250' });
	await expect(form.getByLabel('Value (s)')).toHaveAccessibleDescription('Floor to stand must be between 2 and 120 s; check the value and the unit.');
	await recordMeasure(form, 'Floor to stand', '2025-10-01', { Value: '18.5' });
	await recordMeasure(form, 'Floor to stand', '2025-11-01', { Value: '12' });
	const chart = page.getByRole('img', { name: /^Floor to stand over time\. 2 values/ });
	await expect(chart.locator('g[data-mark="dot"] > *')).toHaveCount(2);
	await expect(page.getByRole('table', { name: 'Change from baseline' }).getByRole('row', { name: /^Floor to stand/ })).toContainText('−6.5 s (−35%) better');
});

test('a template opened by two people at once has its content once', async ({ page, browser, trainer }) => {
	await addClient(page, 'Omar Haddad');
	const url = await createDocument(page, 'Discharge summary');
	const other = await secondPage(browser, trainer, url);

	for (const view of [page, other]) {
		const text = documentText(view);
		await expect(text.getByRole('heading', { name: 'Home programme' })).toHaveCount(1);
		await expect(text.getByRole('heading')).toHaveCount(8);
	}
	await page.reload();
	await expectSaved(page);
	await expect(documentText(page).getByRole('heading')).toHaveCount(8);
	await other.context().close();
});

test('a template prompt is replaced by a click and typing, and its style does not carry over', async ({ page }) => {
	await addClient(page, 'Ivy Chen');
	await createDocument(page, 'Progress report to a provider');
	const text = documentText(page);
	const prompt = text.getByText('Two sentences: what the client can do now that they could not at the start, and attendance.');
	await prompt.click();
	await expect
		.poll(() => page.evaluate(() => window.getSelection()?.toString()))
		.toBe('Two sentences: what the client can do now that they could not at the start, and attendance.');
	const written = 'Rosa now rises from a low chair without her hands and walks to the bus stop without a rest.';
	await page.keyboard.type(written);
	const paragraph = text.getByRole('paragraph').filter({ hasText: 'Rosa now rises' });
	await expect(paragraph).toHaveText(written);
	await expect(paragraph.locator('.prompt')).toHaveCount(0);
	await expect(paragraph).toHaveCSS('font-style', 'normal');
	await expectSaved(page);
});

test('two people adding measures at the same moment both keep theirs', async ({ page, browser, trainer }) => {
	await addClient(page, 'Grace Kim');
	const url = await createDocument(page, 'Progress log');
	const other = await secondPage(browser, trainer, url);

	const forms = [page, other].map((view) => view.getByRole('form', { name: 'Record a measure' }));
	const [mine, theirs] = forms as [Locator, Locator];
	await mine.getByLabel('Measure').selectOption({ label: '6-minute walk distance' });
	await mine.getByLabel('Value (m)').fill('380');
	await theirs.getByLabel('Measure').selectOption({ label: '6-minute walk distance' });
	await theirs.getByLabel('Value (m)').fill('395');
	await Promise.all([mine.getByRole('button', { name: 'Add measure' }).click(), theirs.getByRole('button', { name: 'Add measure' }).click()]);

	for (const view of [page, other]) {
		await view.getByText(/^All entries/).click();
		const entries = view.getByRole('list', { name: 'All entries, newest first' }).getByRole('listitem');
		await expect(entries).toHaveCount(2);
		await expect(entries.filter({ hasText: '380 m' })).toHaveCount(1);
		await expect(entries.filter({ hasText: '395 m' })).toHaveCount(1);
	}
	await other.context().close();
});

test('the language check marks claims and jargon with suggestions, and never changes the text', async ({ page, context }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);

	await visit(page, '/settings/language');
	await page.getByLabel('Words or phrases to look for').fill('beach body, beach-body');
	await page.getByLabel('Kind of hint').selectOption({ label: 'Fitness jargon' });
	await page.getByLabel('Suggested wording').fill('a goal in daily life, e.g. carry a grandchild up the stairs');
	await page.getByRole('button', { name: 'Add hint' }).click();
	await expect(page.getByRole('list', { name: 'Your hints' })).toContainText('beach body, beach-body');
	await page.screenshot({ path: `${SCREENS}/language-settings.png`, fullPage: true });

	await addClient(page, 'Lena Fischer');
	await createDocument(page, 'Progress log');
	const text = documentText(page);
	const sentence = 'We treat her knee pain with toning and burn calories for a beach body. I do not diagnose.';
	await caretToEnd(page, text);
	await page.keyboard.press('Enter');
	await page.keyboard.type(sentence);

	await expect(text.locator('[data-hint-rule]')).toHaveCount(4);
	await expect(text.locator('[data-hint-rule="treat"]')).toHaveText('treat');
	const panel = page.getByRole('complementary', { name: 'Language hints' });
	await expect(panel).toContainText('1 scope · 3 jargon');
	await expect(panel.getByRole('listitem').filter({ hasText: '“toning”' })).toContainText('Try: strength and muscular endurance');
	await expect(panel.getByRole('listitem').filter({ hasText: '“beach body”' })).toContainText('Fitness jargon');
	await expect(panel.getByRole('listitem').filter({ hasText: '“beach body”' })).toContainText('carry a grandchild');

	await panel.getByRole('button', { name: 'Show “treat” in the text' }).click();
	await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('treat');
	await expect(panel.getByText(/^At the cursor/)).toHaveCount(0);
	await page.keyboard.press('ArrowLeft');
	await expect(panel.getByText('At the cursor: “treat”.')).toBeVisible();
	await expect(text).toContainText(sentence);
	await page.screenshot({ path: `${SCREENS}/language-hints.png` });

	await page.getByLabel('Mark hints in the text').uncheck();
	await expect(text.locator('[data-hint-rule="treat"]')).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
	await expect(text).toContainText(sentence);
	await page.getByLabel('Mark hints in the text').check();

	// A paste longer than the check looks at in the transaction (RESCAN_NOW_BLOCKS) is checked once
	// the browser is idle: its phrase is found, and the hints before it stay.
	const lines = Array.from({ length: 150 }, (_, i) => (i === 140 ? 'Then 20 minutes of cardio.' : `Session ${i + 1}: walked 1.2 km.`));
	await caretToEnd(page, text);
	await page.keyboard.press('Enter');
	await page.evaluate(
		async (html) => {
			await navigator.clipboard.write([
				new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob(['Sessions'], { type: 'text/plain' }) })
			]);
		},
		lines.map((line) => `<p>${line}</p>`).join('')
	);
	await page.keyboard.press('Control+V');
	await expect(text).toContainText('Then 20 minutes of cardio.');
	await expect(text.locator('[data-hint-rule]')).toHaveCount(5);
	await expect(text.locator('[data-hint-rule="cardio"]')).toHaveText('cardio');
	await expect(panel).toContainText('1 scope · 4 jargon');
});
