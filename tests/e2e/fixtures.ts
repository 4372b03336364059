// The people most tests begin with, as Playwright fixtures: a signed-in trainer, a client who has
// consented, and a provider's share link. A spec imports `test` and `expect` from here and asks for
// what it needs by name: `test('…', async ({ page, trainer, consentingClient }) => …)`.
//
// Each test gets a trainer of its own (a fresh practice): most tests read their practice's empty
// states ("No providers yet.") or count what they made, so one trainer shared by a worker's tests
// would make them depend on each other's order. The sign-up is still cheap: it is the sign-up form
// posted by HTTP, not typed into a page, and its session reaches the test's browser context as
// storage state (the session cookie), so `page` opens signed in.
import { test as base, expect, request as http, type BrowserContext, type Page } from '@playwright/test';
import { acceptInvitationAndConsent, addClient, createProgressLog, inviteClient, newTrainer, visit, type Trainer } from './helpers.ts';

export { expect };
// The shared steps too, so that a spec imports its tools from one place.
export * from './helpers.ts';

/** Browser storage state with the trainer's session, for another context (a second device). */
export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface SignedInTrainer extends Trainer {
	storageState: StorageState;
}

/** A client of `trainer` who accepted the invitation and signed the consent, signed in on `page`. */
export interface ConsentingClient {
	name: string;
	/** The client's record, on the trainer's side. */
	recordUrl: string;
	/** The client's own browser context and page (at /my once the fixture is done). */
	context: BrowserContext;
	page: Page;
}

/** An approved share link of a progress log of `consentingClient`, as the provider receives it. */
export interface ProviderLink {
	url: string;
	provider: string;
	documentUrl: string;
	documentTitle: string;
}

interface Fixtures {
	trainer: SignedInTrainer;
	consentingClient: ConsentingClient;
	providerLink: ProviderLink;
}

/** Signs a trainer up through the sign-up form's action and returns the session it opened. */
async function signUpByHttp(baseURL: string, trainer: Trainer): Promise<StorageState> {
	const api = await http.newContext({ baseURL });
	try {
		const response = await api.post('/signup', {
			// SvelteKit refuses a form post from another origin: this one comes from the app's own. Asked
			// for JSON, it answers with the action's result, as it does the page's own enhanced form.
			headers: { origin: new URL(baseURL).origin, accept: 'application/json' },
			form: { name: trainer.name, practiceName: 'Moving Well Clinic', email: trainer.email, password: trainer.password }
		});
		expect(response.status()).toBe(200);
		expect(await response.json()).toEqual({ type: 'redirect', status: 303, location: '/clients' });
		return await api.storageState();
	} finally {
		await api.dispose();
	}
}

/**
 * On the sharing page of `documentUrl`: creates a link for `provider` and returns its URL. The
 * link opens once the client approves it (a fixture's client does, below).
 */
export async function createLink(page: Page, documentUrl: string, provider: string): Promise<string> {
	await visit(page, `${documentUrl}/sharing`);
	await page.getByLabel("Provider's name").fill(provider);
	await page.getByLabel('Role').selectOption({ label: 'Physical therapist' });
	await page.getByLabel('Practice').fill('Riverside Physical Therapy');
	await page.getByRole('button', { name: 'Create link' }).click();
	const link = page.getByLabel('Share link');
	await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{27}$/);
	return link.inputValue();
}

export const test = base.extend<Fixtures>({
	trainer: async ({ context, baseURL }, use, testInfo) => {
		const trainer = newTrainer(
			testInfo.titlePath
				.at(0)
				?.replace(/\W+/g, '-')
				.replace(/-spec-ts$/, '') ?? 'e2e'
		);
		const storageState = await signUpByHttp(baseURL!, trainer);
		await context.addCookies(storageState.cookies);
		await use({ ...trainer, storageState });
	},

	consentingClient: async ({ browser, context, trainer }, use) => {
		void trainer; // the client is this trainer's
		const name = 'Rosa Delgado';
		// The trainer's steps happen on a page of their own, so the test's `page` stays where it is.
		const trainerPage = await context.newPage();
		await addClient(trainerPage, name);
		const recordUrl = trainerPage.url();
		const invitation = await inviteClient(trainerPage, name);
		await trainerPage.close();
		const clientContext = await browser.newContext();
		try {
			const page = await clientContext.newPage();
			await acceptInvitationAndConsent(page, invitation, name);
			await use({ name, recordUrl, context: clientContext, page });
		} finally {
			await clientContext.close();
		}
	},

	providerLink: async ({ context, consentingClient }, use) => {
		const provider = 'Dr Priya Raman';
		const trainerPage = await context.newPage();
		await visit(trainerPage, consentingClient.recordUrl);
		const documentTitle = `Progress log for ${provider}`;
		const documentUrl = await createProgressLog(trainerPage, documentTitle);
		const url = await createLink(trainerPage, documentUrl, provider);
		await trainerPage.close();
		// The client approves the link from their page, as the consent asks.
		const client = consentingClient.page;
		await visit(client, '/my');
		await client.getByRole('button', { name: `Approve sharing with ${provider}` }).click();
		await expect(client.getByText('Waiting for your approval')).toBeHidden();
		await use({ url, provider, documentUrl, documentTitle });
	}
});

/**
 * `test` for a file whose every test begins signed in as a trainer of its own, whether or not the
 * test names `trainer`: `import { testAsTrainer as test } from './fixtures.ts'`.
 */
export const testAsTrainer = test.extend<{ signedIn: void }>({
	signedIn: [
		async ({ trainer }, use) => {
			void trainer; // asked for so that it is set up
			await use();
		},
		{ auto: true }
	]
});
