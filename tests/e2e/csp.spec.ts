// The Content-Security-Policy in Chromium: every page a trainer, a client and a provider go through
// loads, hydrates, edits, charts, syncs and installs its service worker with no violation.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { acceptInvitationAndConsent, addClient, hydrated, inviteClient, newTrainer, signUp, typeAtEnd, UUID, visit } from './helpers.ts';
import { Network } from './network.ts';

/** Every violation the page reports, from the DOM event and from Chromium's console. */
async function watchForViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
		});
	});
	page.on('console', (message) => {
		if (/content security policy|csp violation/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
	});
	return violations;
}

async function personIn(browser: Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const violations = await watchForViolations(page);
	return { context, page, violations };
}

test('no page breaks its Content-Security-Policy: workspace, editor, charts, service worker, consent and the share page', async ({ browser }) => {
	test.setTimeout(120_000);
	const trainer = await personIn(browser);
	const client = await personIn(browser);
	const provider = await personIn(browser);
	try {
		const page = trainer.page;
		await signUp(page, newTrainer('csp'));
		const headers = (await page.goto('/clients'))!.headers();
		expect(headers['content-security-policy']).toMatch(/script-src 'self' (?:'sha256-[^']+' )*'nonce-[^']+'/);
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		await hydrated(page);

		// The workspace registers the service worker, which precaches the app under its own policy.
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

		const clientName = 'Ines Okafor';
		await addClient(page, clientName);
		await page.getByLabel('Kind').selectOption({ label: 'Progress report to a provider' });
		await page.getByLabel('Name, as you address them').fill('Dr Lena Ruiz');
		await page.getByRole('button', { name: 'Create document' }).click();
		await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
		const documentUrl = page.url();
		const documentText = page.getByRole('textbox', { name: /, document text$/ });
		await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
		await typeAtEnd(page, documentText, 'Walked 1.2 km without a rest.', true);
		await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

		// A chart (Observable Plot, SVG with its own styles).
		const form = page.getByRole('form', { name: 'Record a measure' });
		for (const [date, value] of [
			['2025-09-01', '14.2'],
			['2025-11-01', '11.1']
		]) {
			await form.getByLabel('Measure').selectOption({ label: 'Timed up-and-go' });
			await form.getByLabel('Date taken').fill(date!);
			await form.getByLabel('Value (s)').fill(value!);
			await form.getByRole('button', { name: 'Add measure' }).click();
		}
		await expect(page.getByRole('img', { name: /^Timed up-and-go over time/ }).locator('g[data-mark="dot"] > *')).toHaveCount(2);

		// The client: invitation, consent, their records; then approves the provider's link.
		await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: clientName }).click();
		const invitation = await inviteClient(page, clientName);
		await acceptInvitationAndConsent(client.page, invitation, clientName);
		await visit(page, `${documentUrl}/sharing`);
		await page.getByLabel("Provider's name").fill('Dr Lena Ruiz');
		await page.getByLabel('Role').selectOption({ label: 'Physician' });
		const newLink = page.getByRole('region', { name: 'New link for a provider' });
		await newLink.getByRole('button', { name: 'Create link' }).click();
		// The template's prompts are still unfilled: the form asks for a confirmation first.
		await newLink.getByRole('checkbox', { name: /unfilled prompts listed above/ }).check();
		await expect(newLink.getByRole('checkbox', { name: /unfilled prompts listed above/ })).toBeChecked();
		await newLink.getByRole('button', { name: 'Create link' }).click();
		const shareUrl = await page.getByLabel('Share link').inputValue();
		await visit(client.page, '/my');
		await client.page.getByRole('button', { name: 'Approve sharing with Dr Lena Ruiz' }).click();
		await expect(client.page.getByText('Waiting for your approval')).toBeHidden();

		// The provider's share page, live over the WebSocket.
		await provider.page.goto(shareUrl);
		await expect(provider.page.getByText('Live: changes appear as they are made')).toBeVisible();
		await visit(page, documentUrl);
		await typeAtEnd(page, documentText, 'Added while the provider watches.', true);
		await expect(provider.page.getByRole('article', { name: /, report text$/ })).toContainText('Added while the provider watches.');
		await expect(provider.page.getByRole('img', { name: /^Timed up-and-go over time/ })).toBeVisible();

		// The rest of the workspace: the provider directory (a synced practice document), settings,
		// the presenter view, the audit trail, the trash.
		for (const path of [
			'/providers',
			'/providers/overview',
			'/providers/calendar',
			'/settings/language',
			`${documentUrl.replace(/^https?:\/\/[^/]+/, '')}/present`,
			'/trash'
		]) {
			await visit(page, path);
		}

		// Offline, the browser checks a new client's form itself (zod, without its eval probe).
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		await visit(page, '/clients');
		const network = await Network.of(trainer.context);
		await network.offline();
		await visit(page, '/clients');
		await page.getByRole('button', { name: 'Add a client' }).click();
		const newClient = page.getByRole('region', { name: 'Add a client' });
		await newClient.getByLabel('Name').fill('Odile Offline');
		await newClient.getByLabel('Email').fill('odile@');
		await newClient.getByRole('button', { name: 'Save client' }).click();
		await expect(newClient.getByRole('alert')).toContainText('Email: Enter an email address such as name@example.com');
		await network.online();

		// What is not a page gets a policy that allows nothing.
		const pdf = await provider.page.request.get(`${shareUrl}/pdf`);
		expect(pdf.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
		const favicon = await provider.page.request.get('/favicon.svg');
		expect(favicon.headers()['content-security-policy']).toContain("default-src 'none'");

		expect([...trainer.violations, ...client.violations, ...provider.violations]).toEqual([]);

		// And the watch sees a violation when there is one: an injected inline script is refused.
		await provider.page.evaluate(() => {
			const script = document.createElement('script');
			script.textContent = 'document.title = "injected"';
			document.body.append(script);
		});
		await expect.poll(() => provider.violations.length).toBeGreaterThan(0);
		await expect(provider.page).not.toHaveTitle('injected');
	} finally {
		await Promise.all([trainer.context.close(), client.context.close(), provider.context.close()]);
	}
});
