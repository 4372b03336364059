// The walking skeleton end to end, in a real browser against the built app: sign-up, clients,
// a progress log co-edited live in two pages, form errors, sign-out, and another practice's view.
import { expect, test, type Page } from '@playwright/test';
import {
	SESSION_COOKIE,
	uniqueTag,
	newTrainer,
	atPath,
	startsWith,
	visit,
	hydrated,
	signUp,
	signUpElsewhere,
	addClient,
	createProgressLog,
	newDocument,
	editorOf,
	syncStatus,
	typeAtEnd
} from './helpers.ts';

async function hasSessionCookie(page: Page): Promise<boolean> {
	return (await page.context().cookies()).some((cookie) => cookie.name === SESSION_COOKIE);
}

interface Probe {
	outcome: 'denied' | 'synced' | 'closed' | 'timeout';
	frames: number[][];
}

/**
 * Speaks the Hocuspocus protocol from the page, as a hand-made client would: authenticate with the
 * page's cookie, ask for the document's state (SyncStep1) and for awareness. Resolves on the first
 * permission-denied answer or the first SyncStep2 (the document's content), with every frame received.
 */
function probeCollab(page: Page, documentName: string): Promise<Probe> {
	return page.evaluate(async (documentName) => {
		const varUint = (n: number) => {
			const out: number[] = [];
			while (n > 127) {
				out.push((n & 127) | 128);
				n >>>= 7;
			}
			out.push(n);
			return out;
		};
		const varString = (text: string) => {
			const bytes = new TextEncoder().encode(text);
			return [...varUint(bytes.length), ...bytes];
		};
		const address = varString(documentName);
		const AUTH = 2,
			TOKEN = 0,
			PERMISSION_DENIED = 1,
			SYNC = 0,
			STEP1 = 0,
			STEP2 = 1,
			QUERY_AWARENESS = 3;
		const messages = [
			[...address, AUTH, TOKEN, ...varString('cookie')],
			[...address, SYNC, STEP1, 1, 0], // an empty state vector: "send me everything"
			[...address, QUERY_AWARENESS]
		];
		const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`);
		socket.binaryType = 'arraybuffer';
		const frames: number[][] = [];
		return await new Promise<Probe>((resolve) => {
			const finish = (outcome: Probe['outcome']) => {
				clearTimeout(timer);
				socket.onclose = null;
				socket.close();
				resolve({ outcome, frames });
			};
			const timer = setTimeout(() => finish('timeout'), 5_000);
			socket.onopen = () => messages.forEach((message) => socket.send(new Uint8Array(message)));
			socket.onclose = () => finish('closed');
			socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
				const bytes = [...new Uint8Array(event.data)];
				frames.push(bytes);
				const [type, subtype] = bytes.slice(address.length);
				if (type === AUTH && subtype === PERMISSION_DENIED) finish('denied');
				if (type === SYNC && subtype === STEP2) finish('synced');
			};
		});
	}, documentName);
}

test('a trainer signs up, adds a client, creates a progress log and co-edits it live in two pages', async ({ page, context, browser }, testInfo) => {
	const trainer = newTrainer('coedit');
	const title = `Knee rehab log ${uniqueTag()}`;
	const first = 'Week 1: walked 2 km without pain.';
	const second = 'Week 2: added step-ups, 3 sets of 10.';

	await signUp(page, trainer);
	await addClient(page, 'Margaret Hale');
	const documentUrl = await createProgressLog(page, title);

	const editor1 = editorOf(page, title);
	await expect(editor1).toBeEditable();
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await typeAtEnd(page, editor1, first);
	await expect(editor1.getByRole('paragraph')).toHaveText([first]);
	await expect(syncStatus(page)).toHaveText('All changes saved');

	// The same document in a second page of the same browser: the text arrives, and edits flow back.
	const page2 = await context.newPage();
	await page2.goto(documentUrl);
	const editor2 = editorOf(page2, title);
	await expect(editor2.getByRole('paragraph').first()).toHaveText(startsWith(first));
	await expect(syncStatus(page2)).toHaveText('All changes saved');
	await typeAtEnd(page2, editor2, second, true);
	// Other people's carets carry a name label inside the text, hence the anchored patterns.
	await expect(editor1.getByRole('paragraph')).toHaveText([startsWith(first), startsWith(second)]);
	await expect(editor1.getByText(trainer.name), "page 1 shows page 2's caret").toBeVisible();
	await expect(syncStatus(page2)).toHaveText('All changes saved');
	await expect(syncStatus(page)).toHaveText('All changes saved');

	await page.screenshot({
		path: process.env.E2E_SCREENSHOT || testInfo.outputPath('document-two-carets.png'),
		caret: 'initial'
	});

	// "All changes saved" means saved on the server: a browser with the session but without this
	// device's IndexedDB copy gets both paragraphs from the server.
	const fresh = await browser.newContext({ storageState: { cookies: await context.cookies(), origins: [] } });
	try {
		const page3 = await fresh.newPage();
		await page3.goto(documentUrl);
		await expect(editorOf(page3, title).getByRole('paragraph')).toHaveText([startsWith(first), startsWith(second)]);
		await expect(syncStatus(page3)).toHaveText('All changes saved');
	} finally {
		await fresh.close();
	}
});

test("a co-editor's caret is drawn in their colour", async ({ page, context }) => {
	const { trainer, title, url } = await newDocument(page, 'caret', 'Lena Brandt');
	const page2 = await context.newPage();
	await page2.goto(url);
	await expect(syncStatus(page2)).toHaveText('All changes saved');
	await typeAtEnd(page2, editorOf(page2, title), 'Balance: 30 s on one leg.');
	const label = editorOf(page, title).getByText(trainer.name);
	await expect(label).toBeVisible();
	await expect(label).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)', { timeout: 1_000 });
});

test.describe('form errors', () => {
	test('sign-up with an email already in use does not say so: it asks to check the email, and creates no session', async ({ page, browser }) => {
		const existing = newTrainer('taken');
		await signUpElsewhere(browser, existing);
		await visit(page, '/signup');
		await page.getByLabel('Your name').fill('Second Person');
		await page.getByLabel('Email').fill(existing.email);
		await page.getByLabel('Password').fill('another good password');
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page).toHaveURL(atPath('/signup/check-email'));
		await expect(page.getByRole('status')).toHaveText('We have sent a message to the address you gave. Follow it to continue.');
		await expect(page.getByText('already exists')).toHaveCount(0);
		expect(await hasSessionCookie(page)).toBe(false);
	});

	test('sign-up with a too-short password says how long it must be', async ({ page }) => {
		const trainer = newTrainer('short');
		await visit(page, '/signup');
		await page.getByLabel('Your name').fill(trainer.name);
		await page.getByLabel('Email').fill(trainer.email);
		await page.getByLabel('Password').fill('short1');
		await page.getByRole('button', { name: 'Create account' }).click();

		const message = 'Use at least 10 characters for your password.';
		// The summary takes focus, and leads to the field.
		const summary = page.getByRole('alert');
		await expect(summary).toBeFocused();
		await summary.getByRole('link', { name: `Password: ${message}` }).click();
		await expect(page.getByLabel('Password')).toBeFocused();
		const password = page.getByLabel('Password');
		await expect(password).toHaveAttribute('aria-invalid', 'true');
		await expect(password).toHaveAccessibleDescription(`At least 10 characters. ${message}`);
		await expect(page.getByLabel('Your name')).toHaveValue(trainer.name);
		await expect(page.getByLabel('Email')).toHaveValue(trainer.email);
		await expect(page).toHaveURL(atPath('/signup'));
		expect(await hasSessionCookie(page)).toBe(false);
	});

	test('sign-in with an empty field leads from the summary to the field', async ({ page }) => {
		await visit(page, '/signin');
		await page.getByLabel('Email').fill('someone@example.com');
		await page.getByRole('button', { name: 'Sign in' }).click();

		const summary = page.getByRole('alert');
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveCount(1);
		await summary.getByRole('link', { name: 'Password: Enter your password.' }).click();
		const password = page.getByLabel('Password');
		await expect(password).toBeFocused();
		await expect(password).toHaveAttribute('aria-invalid', 'true');
		await expect(password).toHaveAccessibleDescription('Enter your password.');
		await expect(page.getByLabel('Email')).toHaveValue('someone@example.com');
	});

	test('sign-in with a wrong password is refused and creates no session', async ({ page, browser }) => {
		const trainer = newTrainer('wrongpw');
		await signUpElsewhere(browser, trainer);

		await visit(page, '/signin');
		await page.getByLabel('Email').fill(trainer.email);
		await page.getByLabel('Password').fill('not the right password');
		await page.getByRole('button', { name: 'Sign in' }).click();

		await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.');
		await expect(page.getByRole('alert')).toBeFocused();
		await expect(page).toHaveURL(atPath('/signin'));
		// By role: the summary is named by its message, which says "email" too.
		await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue(trainer.email);
		expect(await hasSessionCookie(page)).toBe(false);
		await visit(page, '/clients');
		await expect(page).toHaveURL(atPath('/signin'));

		// The account is there: the right password opens it.
		await page.getByLabel('Email').fill(trainer.email);
		await page.getByLabel('Password').fill(trainer.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(atPath('/clients'));
		await expect(page.getByText(`Signed in as ${trainer.name}`)).toBeVisible();
	});
});

test('what a person types before the page has finished loading is kept', async ({ page }) => {
	// Hold the app's JavaScript back so that the typing happens in the server-rendered form.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/signup', { waitUntil: 'commit' });
	await page.getByLabel('Your name').fill('Early Typist');
	await page.getByLabel('Email').fill('early@example.com');
	release();
	await hydrated(page);
	await expect(page.getByLabel('Your name')).toHaveValue('Early Typist', { timeout: 1_000 });
	await expect(page.getByLabel('Email')).toHaveValue('early@example.com', { timeout: 1_000 });
});

test.describe('access', () => {
	test('after signing out, the document URL leads to sign-in', async ({ page }) => {
		const { title, url: documentUrl } = await newDocument(page, 'signout', 'Tom Okafor');
		await expect(syncStatus(page)).toHaveText('All changes saved');

		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(atPath('/signin'));
		await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
		expect(await hasSessionCookie(page)).toBe(false);

		await page.goto(documentUrl);
		const { pathname } = new URL(documentUrl);
		await expect(page).toHaveURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === pathname);
		await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
		await expect(page.getByText(title)).toHaveCount(0);
	});

	test("another trainer gets Not found for a trainer's document, and the collaboration socket gives them nothing", async ({ page, browser }) => {
		const { title, url: documentUrl } = await newDocument(page, 'owner', 'Ada Lindqvist');
		const secret = `Private note ${uniqueTag()}`;
		await typeAtEnd(page, editorOf(page, title), secret);
		await expect(syncStatus(page)).toHaveText('All changes saved');
		const documentName = `doc:${new URL(documentUrl).pathname.split('/').pop()}`;
		const containsSecret = (probe: Probe) => probe.frames.some((frame) => Buffer.from(frame).toString('utf8').includes(secret));

		// Control: the owner's own probe gets the content, so the probe can see a leak.
		const ownProbe = await probeCollab(page, documentName);
		expect(ownProbe.outcome).toBe('synced');
		expect(containsSecret(ownProbe)).toBe(true);

		const strangerContext = await browser.newContext();
		try {
			const stranger = await strangerContext.newPage();
			await signUp(stranger, newTrainer('stranger'));
			const sockets: string[] = [];
			stranger.on('websocket', (socket) => sockets.push(socket.url()));

			const response = await stranger.goto(documentUrl);
			expect(response?.status()).toBe(404);
			await expect(stranger.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
			await expect(stranger).toHaveTitle('Not found · Bridgework');
			await expect(stranger.getByText(title)).toHaveCount(0);
			expect(sockets, 'the Not found page opens no collaboration socket').toEqual([]);

			const probe = await probeCollab(stranger, documentName);
			expect(probe.outcome).toBe('denied');
			expect(probe.frames).toHaveLength(1);
			expect(Buffer.from(probe.frames[0] ?? []).toString('utf8')).toContain('forbidden');
			expect(containsSecret(probe)).toBe(false);
		} finally {
			await strangerContext.close();
		}
	});
});
