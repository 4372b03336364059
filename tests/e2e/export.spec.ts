// The whole-practice export from the trainer's settings: the page shows the export's progress and
// saves the ZIP it ends with.
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { editorOf, newDocument, SCREENS, syncStatus, typeAtEnd, visit } from './helpers.ts';

test('the practice export shows its progress and saves the archive with every document', async ({ page }) => {
	const { title } = await newDocument(page, 'export', 'Rosa Lind');
	await typeAtEnd(page, editorOf(page, title), 'Balance: 20 s on the left leg.');
	await expect(syncStatus(page)).toHaveText('All changes saved');

	await visit(page, '/settings/export');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download the practice (ZIP)' }).click();
	const saved = await download;
	expect(saved.suggestedFilename()).toMatch(/^bridgework-practice-\d{4}-\d{2}-\d{2}\.zip$/);
	await expect(page.getByText(/The archive is ready \(\d+ KB\)/)).toBeVisible();
	await page.screenshot({ path: `${SCREENS}/practice-export-ready.png` });
	const files = unzipSync(new Uint8Array(fs.readFileSync(await saved.path())));
	const documents = Object.keys(files).filter((name) => name.startsWith('documents/'));
	expect(documents.filter((name) => name.endsWith('.pdf'))).toHaveLength(1);
	expect(Object.keys(files)).toContain('README.txt');
});
