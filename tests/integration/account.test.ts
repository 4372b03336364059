import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../server/testing/smtp.ts';
import { postForm, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let smtp: TestSmtpServer;
let server: RunningServer;

beforeAll(async () => {
	smtp = await startSmtpServer();
	server = await startServer({ mailbox: smtp, env: { MAIL_FROM: 'no-reply@bridgework.test' } });
});
afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

async function signInWith(email: string, password: string, userAgent: string): Promise<string> {
	const response = await fetch(`${server.url}/signin`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent },
		body: new URLSearchParams({ email, password })
	});
	const token = /bw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
	if (response.status !== 303 || !token) throw new Error(`sign-in failed with ${response.status}`);
	return `bw_session=${token}`;
}
const page = async (cookie: string) => fetch(`${server.url}/account`, { redirect: 'manual', headers: { cookie } });
const signedIn = async (cookie: string) => (await page(cookie)).status === 200;

async function trainerOnTwoDevices(): Promise<{ trainer: SignedIn; laptop: string; phone: string }> {
	const trainer = await signUpTrainer(server, { password: 'the first long password' });
	return {
		trainer,
		laptop: await signInWith(trainer.email, 'the first long password', FIREFOX),
		phone: await signInWith(trainer.email, 'the first long password', SAFARI)
	};
}

describe('account settings', () => {
	it('changes the name and practice name', async () => {
		const trainer = await signUpTrainer(server);
		const response = await postForm(server, '/account?/profile', { name: 'Tessa Trainer-Lee', practiceName: 'Strong at Seventy' }, trainer.cookie);
		expect(response.status).toBe(200);
		const html = await (await page(trainer.cookie)).text();
		expect(html).toContain('Signed in as Tessa Trainer-Lee');
		expect(html).toContain('value="Strong at Seventy"');
		const empty = await postForm(server, '/account?/profile', { name: '' }, trainer.cookie);
		expect(empty.status).toBe(400);
		// The error summary (role="alert") leads to the field, which says the same.
		expect(await empty.text()).toMatch(/class="error-summary[^"]*" role="alert"[\s\S]*?Enter your name\./);
	});

	it('lists the signed-in devices and signs out of all others, keeping this one', async () => {
		const { trainer, laptop, phone } = await trainerOnTwoDevices();
		const html = await (await page(laptop)).text();
		expect(html).toContain('Firefox on Windows');
		expect(html).toContain('Safari on iOS');
		expect(html).toContain('This device');
		expect((await postForm(server, '/account?/signOutOthers', {}, laptop)).status).toBe(200);
		expect(await signedIn(laptop)).toBe(true);
		expect(await signedIn(phone)).toBe(false);
		expect(await signedIn(trainer.cookie)).toBe(false);
	});

	it('changes the password given the current one, ends the other sessions and tells the owner', async () => {
		const { trainer, laptop, phone } = await trainerOnTwoDevices();
		const wrong = await postForm(
			server,
			'/account?/password',
			{ currentPassword: 'not my password', newPassword: 'a second long password', newPasswordAgain: 'a second long password' },
			laptop
		);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('That is not your current password.');
		expect(await signedIn(phone)).toBe(true);

		const changed = await postForm(
			server,
			'/account?/password',
			{ currentPassword: 'the first long password', newPassword: 'a second long password', newPasswordAgain: 'a second long password' },
			laptop
		);
		expect(changed.status).toBe(200);
		expect(await signedIn(laptop)).toBe(true);
		expect(await signedIn(phone)).toBe(false);
		const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(trainer.email) && r.mail.subject === 'Your Bridgework password was changed');
		expect(mail.text).toContain('every other device was signed out');
		expect((await postForm(server, '/signin', { email: trainer.email, password: 'the first long password' })).status).toBe(400);
		expect((await postForm(server, '/signin', { email: trainer.email, password: 'a second long password' })).status).toBe(303);
	});

	it('changes the address only once the new one is confirmed, and tells the old one', async () => {
		const trainer = await signUpTrainer(server, { password: 'the first long password' });
		const newEmail = `moved-${Date.now()}@example.com`;
		expect((await postForm(server, '/account?/changeEmail', { email: newEmail, password: 'wrong password here' }, trainer.cookie)).status).toBe(400);
		const asked = await postForm(server, '/account?/changeEmail', { email: newEmail, password: 'the first long password' }, trainer.cookie);
		expect(asked.status).toBe(200);
		expect(await asked.text()).toContain(`We sent a link to ${newEmail}`);
		// Not yet changed.
		expect((await postForm(server, '/signin', { email: newEmail, password: 'the first long password' })).status).toBe(400);

		const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(newEmail));
		expect(mail.subject).toBe('Confirm your email address for Bridgework');
		const link = /(http:\/\/\S+\/verify\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
		expect(link).toBeDefined();
		expect((await postForm(server, new URL(link!).pathname, {})).status).toBe(200);

		const notice = await smtp.waitFor((r) => r.envelopeTo.includes(trainer.email) && r.mail.subject === 'Your Bridgework email address was changed');
		expect(notice.mail.text).toContain(newEmail);
		expect((await postForm(server, '/signin', { email: newEmail, password: 'the first long password' })).status).toBe(303);
		expect((await postForm(server, '/signin', { email: trainer.email, password: 'the first long password' })).status).toBe(400);
		expect(await (await page(trainer.cookie)).text()).toContain(`<strong>${newEmail}</strong> <!--[0-->(confirmed)`);
	});

	it('answers a change to an address another account uses as any other, and changes nothing', async () => {
		const owner = await signUpTrainer(server);
		const other = await signUpTrainer(server, { password: 'the first long password' });
		const asked = await postForm(server, '/account?/changeEmail', { email: owner.email, password: 'the first long password' }, other.cookie);
		expect(asked.status).toBe(200);
		expect(await asked.text()).toContain(`We sent a link to ${owner.email}`);
		expect((await postForm(server, '/signin', { email: other.email, password: 'the first long password' })).status).toBe(303);
	});
});
