// The editor's toolbar by keyboard, announced by name and state, and a paste from Word through the
// real clipboard: headings and lists stay, what the schema does not hold goes.
import { expect, test } from '@playwright/test';
import { caretToEnd, editorOf, newDocument, SCREENS, syncStatus } from './helpers.ts';

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->
<h1><span lang=EN-GB>Home programme<o:p></o:p></span></h1>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span><![endif]><span style='color:#C00000'>Sit to stand, <b>10 times</b></span></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]><span>Heel raises</span></p>
<table><tr><td>A table cell</td></tr></table>
<!--EndFragment--></body></html>`;

test('the toolbar formats by keyboard and says what is on; a paste from Word keeps its headings and lists', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const { title } = await newDocument(page, 'toolbar', 'Tomas Berg');
	const text = editorOf(page, title);
	const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
	await expect(toolbar).toHaveAttribute('aria-controls', /document-text-/);
	await text.click();
	await page.keyboard.type('Goals');

	// One tab stop (the current button), arrow keys move along the toolbar, Enter presses.
	await toolbar.getByRole('button', { name: 'Heading', exact: true }).focus();
	await expect(toolbar.getByRole('button', { name: 'Heading', exact: true })).toHaveAttribute('tabindex', '0');
	await expect(toolbar.getByRole('button', { name: 'Bold' })).toHaveAttribute('tabindex', '-1');
	await page.keyboard.press('Enter');
	await expect(text.getByRole('heading', { name: 'Goals' })).toBeVisible();
	await expect(toolbar.getByRole('button', { name: 'Heading', exact: true })).toHaveAttribute('aria-pressed', 'true');

	await text.press('End');
	await page.keyboard.press('Enter');
	await toolbar.getByRole('button', { name: 'Heading', exact: true }).focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(toolbar.getByRole('button', { name: 'Bulleted list' })).toBeFocused();
	await page.keyboard.press('Enter');
	await page.keyboard.type('Carry shopping up the stairs');
	await expect(text.getByRole('listitem')).toHaveText('Carry shopping up the stairs');
	await expect(toolbar.getByRole('button', { name: 'Bulleted list' })).toHaveAttribute('aria-pressed', 'true');
	await expect(toolbar.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'false');

	// A link, by its own small form.
	await page.keyboard.press('Shift+Home');
	await toolbar.getByRole('button', { name: 'Link' }).click();
	await page.getByLabel('Link address').fill('clinic.example/stairs');
	await page.getByRole('button', { name: 'Apply link' }).click();
	await expect(text.getByRole('link', { name: 'Carry shopping up the stairs' })).toHaveAttribute('href', 'https://clinic.example/stairs');

	await toolbar.getByRole('button', { name: 'Undo' }).click();
	await expect(text.getByRole('link')).toHaveCount(0);
	await toolbar.getByRole('button', { name: 'Redo' }).click();
	await expect(text.getByRole('link')).toHaveCount(1);

	// Paste from Word through the clipboard, as Ctrl+V does, at the end (a click in the middle of
	// the text could land on the link).
	await caretToEnd(page, text);
	await page.keyboard.press('Enter');
	await page.keyboard.press('Enter');
	await page.evaluate(async (html) => {
		await navigator.clipboard.write([
			new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob(['Home programme'], { type: 'text/plain' }) })
		]);
	}, WORD);
	await page.keyboard.press('Control+V');
	await expect(text.getByRole('heading', { name: 'Home programme' })).toBeVisible();
	const pasted = text.getByRole('list').last();
	await expect(pasted.getByRole('listitem')).toHaveText(['Sit to stand, 10 times', 'Heel raises']);
	await expect(pasted.locator('strong')).toHaveText('10 times');
	await expect(text).not.toContainText('·');
	await expect(text.locator('[style*="C00000"]')).toHaveCount(0);
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await page.screenshot({ path: `${SCREENS}/editor-toolbar.png`, fullPage: true });
});
