import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens, outgoingMail, users } from '../../server/db/schema.ts';
import { startSmtpServer, type TestSmtpServer } from '../../server/testing/smtp.ts';
import { postForm, sessionTokenOf, signUpTrainer } from './helpers/accounts.ts';
import { readDirectly } from './helpers/database.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let smtp: TestSmtpServer;
let server: RunningServer;

beforeAll(async () => {
	smtp = await startSmtpServer();
	server = await startServer({ mailbox: smtp, env: { MAIL_FROM: 'Bridgework <no-reply@bridgework.test>' } });
});
afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

const to = (address: string) => (r: { envelopeTo: string[] }) => r.envelopeTo.includes(address);
const linkIn = (text: string | undefined, path: string) => {
	const match = new RegExp(`(http://[^\\s]+${path}/[A-Za-z0-9_-]+)`).exec(text ?? '');
	if (!match?.[1]) throw new Error(`no ${path} link in:\n${text}`);
	return match[1];
};
const get = (url: string, cookie?: string) => fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });

describe('account email over a real SMTP server', () => {
	it('opens a sign-up by its mailed link: before it the password signs nobody in, and the link confirms the address once', async () => {
		const email = `new-${Date.now()}@example.com`;
		const signedUp = await postForm(server, '/signup', { name: 'Nadia New', email, password: 'a long enough password' });
		expect(signedUp.status).toBe(303);
		expect(signedUp.headers.get('location')).toBe('/signup/check-email');
		expect(sessionTokenOf(signedUp)).toBeUndefined();
		// Until the link is followed the account answers as no account would.
		const early = await postForm(server, '/signin', { email, password: 'a long enough password' });
		expect(early.status).toBe(400);
		expect(await early.text()).toContain('That email and password do not match an account.');

		const { mail } = await smtp.waitFor(to(email));
		expect(mail.subject).toBe('Confirm your email address for Bridgework');
		expect(mail.from?.value[0]).toMatchObject({ name: 'Bridgework', address: 'no-reply@bridgework.test' });
		const link = linkIn(mail.text, '/verify');
		expect(mail.html).toContain(link);
		const path = new URL(link).pathname;
		// Opening the link confirms nothing by itself (mail scanners open links); the button does.
		expect(await (await get(link)).text()).toContain('Confirm this address');
		const verifiedBefore = await readDirectly(server, async (db) => (await db.select().from(users).where(eq(users.email, email)))[0]!.emailVerifiedAt);
		expect(verifiedBefore).toBeNull();
		const confirmed = await postForm(server, path, {});
		expect(confirmed.status).toBe(303);
		expect(confirmed.headers.get('location')).toBe('/clients');
		const token = sessionTokenOf(confirmed);
		expect(token).toBeDefined();
		expect((await get(`${server.url}/clients`, `bw_session=${token}`)).status).toBe(200);
		const verifiedAfter = await readDirectly(server, async (db) => (await db.select().from(users).where(eq(users.email, email)))[0]!.emailVerifiedAt);
		expect(verifiedAfter).toBeInstanceOf(Date);
		expect((await postForm(server, '/signin', { email, password: 'a long enough password' })).status).toBe(303);
		// Once only.
		expect((await postForm(server, path, {})).status).toBe(400);
	});

	it('answers "forgot password" the same for an unknown address, mails only a known one, and the reset ends every session', async () => {
		const trainer = await signUpTrainer(server, { password: 'the old long password' });
		const unknown = `nobody-${Date.now()}@example.com`;
		const forUnknown = await postForm(server, '/forgot', { email: unknown });
		const forKnown = await postForm(server, '/forgot', { email: trainer.email });
		expect(forUnknown.status).toBe(forKnown.status);
		const strip = (html: string, email: string) => html.replaceAll(email, 'ADDRESS').replace(/nonce="[^"]+"/g, 'nonce');
		expect(strip(await forUnknown.text(), unknown)).toBe(strip(await forKnown.text(), trainer.email));

		const { mail } = await smtp.waitFor((r) => to(trainer.email)(r) && r.mail.subject === 'Reset your Bridgework password');
		expect(mail.text).toContain('works once, for one hour');
		const link = linkIn(mail.text, '/reset');
		const path = new URL(link).pathname;
		expect(smtp.received.some(to(unknown))).toBe(false);
		// The token is stored only as a hash.
		const token = path.split('/').at(-1)!;
		const stored = await readDirectly(server, async (db) => JSON.stringify(await db.select().from(outgoingMail)));
		expect(stored).toContain(token); // the queued message itself carries the link …
		const tokens = await readDirectly(server, async (db) => JSON.stringify(await db.select().from(accountTokens)));
		expect(tokens).not.toContain(token); // … the token table does not

		const page = await get(link);
		expect(page.headers.get('referrer-policy')).toBe('strict-origin');
		expect(await page.text()).toContain('Choose a new password');
		const mismatch = await postForm(server, path, { password: 'a brand new password', passwordAgain: 'something else entirely' });
		expect(mismatch.status, server.output()).toBe(400);
		expect(await mismatch.text()).toContain('The two passwords are not the same.');
		const reset = await postForm(server, path, { password: 'a brand new password', passwordAgain: 'a brand new password' });
		expect(reset.status).toBe(303);
		expect(reset.headers.get('location')).toBe('/signin?reset');

		// The session from before the reset is over.
		expect((await get(`${server.url}/clients`, trainer.cookie)).headers.get('location')).toMatch(/^\/signin/);
		expect((await postForm(server, '/signin', { email: trainer.email, password: 'the old long password' })).status).toBe(400);
		expect((await postForm(server, '/signin', { email: trainer.email, password: 'a brand new password' })).status).toBe(303);
		// The link works once.
		const again = await postForm(server, path, { password: 'a third long password', passwordAgain: 'a third long password' });
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('expired or was already used');
	});

	it('mails the owner when someone signs up with their address, and creates nothing', async () => {
		const owner = await signUpTrainer(server);
		const response = await postForm(server, '/signup', { name: 'Mallory', email: owner.email.toUpperCase(), password: 'mallory long password' });
		const fresh = await postForm(server, '/signup', { name: 'Mallory', email: `fresh-${Date.now()}@example.com`, password: 'mallory long password' });
		// A taken address and a new one get the same answer, and neither signs anyone in.
		for (const answer of [response, fresh]) {
			expect(answer.status).toBe(303);
			expect(answer.headers.get('location')).toBe('/signup/check-email');
			expect(sessionTokenOf(answer)).toBeUndefined();
		}
		const { mail } = await smtp.waitFor((r) => to(owner.email)(r) && r.mail.subject === 'Someone tried to create a Bridgework account with your address');
		expect(mail.text).toContain('nothing was created');
		expect(linkIn(mail.text, '/reset')).toMatch(/\/reset\//);
		const count = await readDirectly(server, async (db) => (await db.select().from(users).where(eq(users.email, owner.email))).length);
		expect(count).toBe(1);
	});
});
