// Two-factor sign-in over HTTP against the real server, with codes computed as an authenticator
// app computes them from the key the setup page gives.
import fs from 'node:fs';
import path from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt, TOTP_PERIOD_SECONDS } from '../../server/auth/two-factor.ts';
import { twoFactor, users } from '../../server/db/schema.ts';
import { startSmtpServer, type TestSmtpServer } from '../../server/testing/smtp.ts';
import { testDialect } from '../../server/testing/test-databases.ts';
import { postForm, sessionTokenOf, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { readDirectly } from './helpers/database.ts';
import { pageData, submitAction } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let smtp: TestSmtpServer;
let server: RunningServer;
/** On SQLite the server makes its own key file; instances on PostgreSQL must be given one key. */
const SEALING_KEY = 'a'.repeat(64);

beforeAll(async () => {
	smtp = await startSmtpServer();
	server = await startServer({ mailbox: smtp, env: (await testDialect()) === 'postgres' ? { TWO_FACTOR_KEY: SEALING_KEY } : {} });
});
afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

const PASSWORD = 'a long enough password';
const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
/** A code of the step after now: the server accepts one step of drift, and it is one not yet used. */
const nextCode = (key: Uint8Array) => totpAt(key, Date.now() + TOTP_PERIOD_SECONDS * 1000);
const challengeOf = (response: Response) => /bw_sign_in=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

async function signInWithPassword(trainer: SignedIn): Promise<{ response: Response; cookie: string }> {
	const response = await postForm(server, '/signin?next=/clients', { email: trainer.email, password: PASSWORD });
	const token = challengeOf(response);
	return { response, cookie: token ? `bw_sign_in=${token}` : '' };
}

async function turnOn(trainer: SignedIn): Promise<{ key: Uint8Array; recoveryCodes: string[]; usedCode: string }> {
	const data = await pageData<{ setup: { keyText: string } }>(server, '/account/two-factor', trainer.cookie);
	const key = decodeBase32IgnorePadding(data.setup.keyText.replace(/\s/g, ''));
	const usedCode = totpAt(key, Date.now());
	const result = await submitAction<{ recoveryCodes: string[] }>(server, '/account/two-factor?/enable', { code: usedCode }, trainer.cookie);
	if (result.type !== 'success') throw new Error(`enable: ${JSON.stringify(result)}`);
	return { key, recoveryCodes: result.data.recoveryCodes, usedCode };
}

describe('two-factor sign-in', () => {
	it('needs TWO_FACTOR_KEY on PostgreSQL, and on SQLite keeps a key of its own beside the database', async () => {
		const dialect = await testDialect();
		const bare = dialect === 'postgres' ? await startServer() : server;
		try {
			const trainer = await signUpTrainer(bare, { password: PASSWORD });
			const data = await pageData<{ unavailable: string | null; setup: unknown }>(bare, '/account/two-factor', trainer.cookie);
			if (dialect === 'postgres') {
				expect(data.unavailable).toContain('TWO_FACTOR_KEY');
				expect(data.setup).toBeNull();
			} else {
				expect(data.unavailable).toBeNull();
				const file = path.join(bare.dataDir, 'two-factor.key');
				expect(fs.readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
				expect(fs.statSync(file).mode & 0o077).toBe(0);
			}
		} finally {
			if (bare !== server) await bare.stop();
		}
	});

	it('turns on only with a right code, shows the same key until then, and signs out the other devices', async () => {
		const trainer = await signUpTrainer(server, { password: PASSWORD });
		const elsewhere = sessionTokenOf(await postForm(server, '/signin', { email: trainer.email, password: PASSWORD }));
		expect(elsewhere).toBeDefined();

		const first = await pageData<{ setup: { keyText: string }; status: { enabled: boolean } }>(server, '/account/two-factor', trainer.cookie);
		expect(first.status.enabled).toBe(false);
		const again = await pageData<{ setup: { keyText: string } }>(server, '/account/two-factor', trainer.cookie);
		// A reload after scanning must not change the key the app now holds.
		expect(again.setup.keyText).toBe(first.setup.keyText);
		const key = decodeBase32IgnorePadding(first.setup.keyText.replace(/\s/g, ''));
		const right = totpAt(key, Date.now());
		const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
		const refused = await submitAction<{ errors: { code: string } }>(server, '/account/two-factor?/enable', { code: wrong }, trainer.cookie);
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		const userId = await userIdOf(trainer);
		expect(await readDirectly(server, async (db) => (await db.select().from(twoFactor).where(eq(twoFactor.userId, userId)))[0]?.enabledAt)).toBeNull();

		const on = await submitAction<{ recoveryCodes: string[] }>(server, '/account/two-factor?/enable', { code: right }, trainer.cookie);
		expect(on.type).toBe('success');
		if (on.type !== 'success') return;
		expect(on.data.recoveryCodes).toHaveLength(10);
		expect(new Set(on.data.recoveryCodes).size).toBe(10);
		// The key is stored sealed, never as the text the app was given.
		const stored = await readDirectly(server, async (db) => JSON.stringify(await db.select().from(twoFactor)));
		expect(stored).not.toContain(first.setup.keyText.replace(/\s/g, ''));
		expect(stored).not.toContain(on.data.recoveryCodes[0]);

		expect((await get('/clients', `bw_session=${elsewhere}`)).headers.get('location')).toMatch(/^\/signin/);
		expect((await get('/clients', trainer.cookie)).status).toBe(200);
		const { mail } = await smtp.waitFor(
			(r) => r.envelopeTo.includes(trainer.email) && r.mail.subject === 'Two-factor sign-in is on for your Bridgework account'
		);
		expect(mail.text).toContain('Every other device was signed out');
	});

	it('asks for a code after the password; each code and each recovery code works once', async () => {
		const trainer = await signUpTrainer(server, { password: PASSWORD });
		const { key, recoveryCodes, usedCode } = await turnOn(trainer);

		const { response, cookie } = await signInWithPassword(trainer);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/signin/code?next=%2Fclients');
		expect(sessionTokenOf(response)).toBeUndefined();
		expect(response.headers.get('set-cookie')).toMatch(/Path=\/signin/);
		// Half signed in is not signed in.
		expect((await get('/clients', cookie)).headers.get('location')).toMatch(/^\/signin/);
		expect((await get('/signin/code', cookie)).status).toBe(200);

		// The code that turned it on was used: it does not sign in a second time.
		const replay = await postForm(server, '/signin/code?next=/clients', { code: usedCode }, cookie);
		expect(replay.status).toBe(400);
		expect(await replay.text()).toContain('That code is not right');
		const signedIn = await postForm(server, '/signin/code?next=/clients', { code: nextCode(key) }, cookie);
		expect(signedIn.status).toBe(303);
		expect(signedIn.headers.get('location')).toBe('/clients');
		const session = sessionTokenOf(signedIn);
		expect((await get('/clients', `bw_session=${session}`)).status).toBe(200);
		// The step is spent: the same challenge cookie does nothing now.
		expect((await postForm(server, '/signin/code', { code: nextCode(key) }, cookie)).headers.get('location')).toBe('/signin?step-expired');

		// A recovery code, in any case and without its dash, once.
		const recovery = recoveryCodes[3]!.toLowerCase().replace('-', '');
		const second = await signInWithPassword(trainer);
		const byRecovery = await postForm(server, '/signin/code', { code: recovery }, second.cookie);
		expect(byRecovery.status).toBe(303);
		expect(byRecovery.headers.get('location')).toBe('/account/two-factor?recovery-code-used');
		const status = await pageData<{ status: { recoveryCodesLeft: number } }>(server, '/account/two-factor', `bw_session=${sessionTokenOf(byRecovery)}`);
		expect(status.status.recoveryCodesLeft).toBe(9);
		const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(trainer.email) && r.mail.subject === 'A recovery code was used to sign in to Bridgework');
		expect(mail.text).toContain('9 codes are left');
		const third = await signInWithPassword(trainer);
		expect((await postForm(server, '/signin/code', { code: recovery }, third.cookie)).status).toBe(400);
	});

	it('survives a password reset, and refuses more wrong codes than a person types', async () => {
		const trainer = await signUpTrainer(server, { password: PASSWORD });
		const { key } = await turnOn(trainer);
		await postForm(server, '/forgot', { email: trainer.email });
		const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(trainer.email) && r.mail.subject === 'Reset your Bridgework password');
		const reset = /(http:\/\/\S+\/reset\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;
		const newPassword = 'a different long password';
		expect((await postForm(server, new URL(reset).pathname, { password: newPassword, passwordAgain: newPassword })).status).toBe(303);
		// Whoever reads the mail could reset the password; the code is still needed after it.
		const afterReset = await postForm(server, '/signin', { email: trainer.email, password: newPassword });
		expect(afterReset.headers.get('location')).toMatch(/^\/signin\/code/);
		expect(sessionTokenOf(afterReset)).toBeUndefined();

		const cookie = `bw_sign_in=${challengeOf(afterReset)}`;
		const wrong = nextCode(key) === '000000' ? '111111' : '000000';
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await postForm(server, '/signin/code', { code: wrong }, cookie)).status);
		expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
		expect(statuses.at(-1)).toBe(429);
		// Refused while blocked, even with the right code.
		expect((await postForm(server, '/signin/code', { code: nextCode(key) }, cookie)).status).toBe(429);
	});

	it('turns off only with the password and a code, and not while the practice requires it', async () => {
		const trainer = await signUpTrainer(server, { password: PASSWORD });
		const { key } = await turnOn(trainer);
		const required = await submitAction(server, '/account/two-factor?/requirement', { require: 'on' }, trainer.cookie);
		expect(required.type).toBe('success');
		const whileRequired = await submitAction<{ message: string }>(
			server,
			'/account/two-factor?/disable',
			{ password: PASSWORD, code: nextCode(key) },
			trainer.cookie
		);
		expect(whileRequired).toMatchObject({ type: 'failure', status: 409 });
		expect((await pageData<{ status: { enabled: boolean } }>(server, '/account/two-factor', trainer.cookie)).status.enabled).toBe(true);

		expect((await submitAction(server, '/account/two-factor?/requirement', { require: 'off', password: 'wrong password' }, trainer.cookie)).type).toBe(
			'failure'
		);
		expect((await submitAction(server, '/account/two-factor?/requirement', { require: 'off', password: PASSWORD }, trainer.cookie)).type).toBe('success');
		expect((await submitAction(server, '/account/two-factor?/disable', { password: PASSWORD, code: '12345' }, trainer.cookie)).type).toBe('failure');
		expect((await submitAction(server, '/account/two-factor?/disable', { password: PASSWORD, code: nextCode(key) }, trainer.cookie)).type).toBe('success');
		// Off: the password alone signs in again.
		expect(sessionTokenOf(await postForm(server, '/signin', { email: trainer.email, password: PASSWORD }))).toBeDefined();
	});
});

async function userIdOf(trainer: SignedIn): Promise<string> {
	return readDirectly(server, async (db) => (await db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)))[0]!.id);
}
