// The provider's share link, end to end with three people: the trainer and the client write, the
// provider watches the report arrive, cannot type, and loses the page when the link is revoked.
import { acceptInvitationAndConsent, createLink, editorOf, expect, inviteClient, newDocument, syncStatus, test, typeAtEnd, visit } from './fixtures.ts';
import { extractText, getDocumentProxy } from 'unpdf';

async function pdfText(pdf: Buffer): Promise<{ text: string; width: number }> {
	const document = await getDocumentProxy(new Uint8Array(pdf));
	const { text } = await extractText(document, { mergePages: true });
	const [, , width] = (await document.getPage(1)).view;
	return { text, width: Math.round(width ?? 0) };
}

test('a provider watches the live report, cannot type, prints it, and loses it on revocation', async ({ browser }) => {
	const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
	const [trainerPage, clientPage, providerPage] = await Promise.all(contexts.map((context) => context.newPage()));
	try {
		const clientName = 'Walter Nkemelu';
		const provider = 'Dr Priya Raman';
		const { title, url } = await newDocument(trainerPage!, 'share', clientName);
		await trainerPage!.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: clientName }).click();
		const invitation = await inviteClient(trainerPage!, clientName);
		await acceptInvitationAndConsent(clientPage!, invitation, clientName);

		const shareUrl = await createLink(trainerPage!, url, provider);
		await expect(trainerPage!.getByText('It opens once Walter Nkemelu approves it.')).toBeVisible();
		await visit(clientPage!, '/my');
		await clientPage!.getByRole('button', { name: `Approve sharing with ${provider}` }).click();
		await expect(clientPage!.getByText('Waiting for your approval')).toBeHidden();

		const response = await providerPage!.goto(shareUrl);
		expect(response?.status()).toBe(200);
		await expect(providerPage!.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(providerPage!.getByText(`Client: ${clientName}`)).toBeVisible();
		await expect(providerPage!.getByText('Live: changes appear as they are made')).toBeVisible();
		// The page painted before it asked for any script, and runs no SvelteKit client: the live
		// view is its one script, loaded after the paint, which also shows the Print button.
		const scripts = await providerPage!.evaluate(() => {
			const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
			const loaded = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.endsWith('.js'));
			return { paint, beforePaint: loaded.filter((entry) => !(entry.startTime >= paint)).map((entry) => entry.name), names: loaded.map((entry) => entry.name) };
		});
		expect(scripts.paint).toBeGreaterThan(0);
		expect(scripts.beforePaint).toEqual([]);
		expect(scripts.names.some((name) => name.includes('/_app/share-page-live.js'))).toBe(true);
		expect(scripts.names.filter((name) => name.includes('/_app/immutable/entry/'))).toEqual([]);
		await expect(providerPage!.getByRole('button', { name: 'Print' })).toBeVisible();

		await visit(trainerPage!, url);
		await typeAtEnd(trainerPage!, editorOf(trainerPage!, title), 'Six-minute walk: 412 m, up from 350 m at baseline.');
		const report = providerPage!.getByRole('article', { name: `${title}, report text` });
		await expect(report).toContainText('Six-minute walk: 412 m, up from 350 m at baseline.');

		await clientPage!.getByRole('link', { name: title }).click();
		await expect(syncStatus(clientPage!)).toHaveText('All changes saved');
		await typeAtEnd(clientPage!, editorOf(clientPage!, title), 'I can carry my groceries up the stairs again.', true);
		await expect(report).toContainText('I can carry my groceries up the stairs again.');

		// Nothing of the report can be typed into, and typing at it changes nothing: the only fields
		// are the answer form's under it (share-replies.spec.ts).
		await expect(report.getByRole('textbox')).toHaveCount(0);
		await expect(providerPage!.getByRole('textbox')).toHaveCount(2);
		await expect(providerPage!.getByRole('region', { name: /^Your answer to / }).getByRole('textbox')).toHaveCount(2);
		await report.click();
		await providerPage!.keyboard.type('provider typing');
		await expect(report).not.toContainText('provider typing');
		await expect(editorOf(trainerPage!, title)).not.toContainText('provider typing');
		await expect(providerPage!.getByRole('navigation')).toHaveCount(0);

		// Printed on letter and on A4: practice, client, report; no buttons.
		for (const format of ['Letter', 'A4'] as const) {
			await providerPage!.emulateMedia({ media: 'print' });
			const { text, width } = await pdfText(await providerPage!.pdf({ format, printBackground: true }));
			expect(Math.abs(width - (format === 'A4' ? 595 : 612))).toBeLessThanOrEqual(1);
			for (const part of ['Moving Well Clinic', clientName, title, 'Six-minute walk: 412 m', 'Page 1 of 1']) expect(text).toContain(part);
			expect(text).not.toContain('Download PDF');
			await providerPage!.emulateMedia({ media: 'screen' });
		}

		// The PDF download gives the same report.
		const [download] = await Promise.all([providerPage!.waitForEvent('download'), providerPage!.getByRole('link', { name: 'Download PDF (A4)' }).click()]);
		const { text } = await pdfText(await import('node:fs/promises').then((fs) => download.path().then((file) => fs.readFile(file))));
		expect(text).toContain('I can carry my groceries up the stairs again.');
		expect(text).toContain(`Client: ${clientName}`);

		// Revoking the link takes the report off the provider's open page.
		await visit(trainerPage!, `${url}/sharing`);
		const row = trainerPage!.getByRole('row', { name: new RegExp(provider) });
		await expect(row.getByText('Active')).toBeVisible();
		await row.getByRole('button', { name: `Revoke the link for ${provider}` }).click();
		await expect(row.getByText('Revoked')).toBeVisible();
		await expect(providerPage!.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible({ timeout: 5000 });
		await expect(providerPage!.getByText('Six-minute walk')).toHaveCount(0);
		const again = await providerPage!.goto(shareUrl);
		expect(again?.status()).toBe(404);
		await expect(providerPage!.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
	} finally {
		await Promise.all(contexts.map((context) => context.close()));
	}
});

test('an approved link opens the report for a provider with no account, and nothing in the report can be typed into', async ({
	browser,
	consentingClient,
	providerLink
}) => {
	const provider = await browser.newContext();
	try {
		const page = await provider.newPage();
		const response = await page.goto(providerLink.url);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1, name: providerLink.documentTitle })).toBeVisible();
		await expect(page.getByText(`Client: ${consentingClient.name}`)).toBeVisible();
		// The only fields are the answer form's two (share-replies.spec.ts); none is in the report.
		await expect(page.getByRole('textbox')).toHaveCount(2);
		await expect(page.getByRole('region', { name: /^Your answer to / }).getByRole('textbox')).toHaveCount(2);
		await expect(page.getByRole('navigation')).toHaveCount(0);
	} finally {
		await provider.close();
	}
});
