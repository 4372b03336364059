import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/client.ts';
import { mailPreferences, outgoingMail, users } from '../../server/db/schema.ts';
import { queueDigests } from '../../server/mail/digest.ts';
import { queueMail } from '../../server/mail/outbox.ts';
import { addDays } from '../../src/lib/shared/referrals/dates.ts';
import { addProvider, logTouchpoint } from '../../src/lib/shared/referrals/practice-doc.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';
import { startSmtpServer, type TestSmtpServer } from '../../server/testing/smtp.ts';
import { addClient, postForm, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { allSaved, connectPeer, within } from './helpers/collab.ts';
import { readDirectly, writeDirectly } from './helpers/database.ts';
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

const DAY = 24 * 60 * 60 * 1000;
// The fake clock: 30 days from now (a client added today has a report due after 28), at a given UTC hour.
const inThirtyDays = (hour: number, minute = 0) => {
	const day = new Date(Date.now() + 30 * DAY);
	return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
};
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Runs the digest job at `now` against the running server's database, queueing as the server does;
 * the server's own delivery job then sends what was queued to the real SMTP server.
 */
const runDigest = (now: number) =>
	writeDirectly(server, (db: Db) =>
		queueDigests(
			db,
			{ send: (message) => queueMail(db, message, { deliverable: true, messageIdDomain: 'bridgework.test' }) },
			{ origin: server.url, now: () => now }
		)
	);

const idOf = (trainer: SignedIn) =>
	readDirectly(server, async (db) => (await db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)))[0]!.id);
const optIn = async (trainer: SignedIn) => {
	const response = await postForm(server, '/account/email?/save', { dailyDigest: 'on' }, trainer.cookie);
	expect(response.status).toBe(200);
};
const digestIsOn = async (trainer: SignedIn) => {
	const id = await idOf(trainer);
	return readDirectly(server, async (db) => (await db.select().from(mailPreferences).where(eq(mailPreferences.userId, id)))[0]?.dailyDigest ?? false);
};
const header = (received: TestSmtpServer['received'][number], name: string) =>
	received.mail.headerLines
		.find((line) => line.key === name)
		?.line.replace(/^[^:]+:\s*/, '')
		.replace(/\r?\n\s+/g, ' ');
// Sign-up mails a confirmation too: a digest is the message with List-Unsubscribe.
const isDigestTo = (email: string) => (r: TestSmtpServer['received'][number]) => r.envelopeTo.includes(email) && header(r, 'list-unsubscribe') !== undefined;
const digestsTo = (email: string) => smtp.received.filter(isDigestTo(email));

let busy: SignedIn;
let unsubscribeUrl: string;

describe('the morning digest', () => {
	it('mails an opted-in trainer once, at or after 07:00 UTC, with follow-ups and reports due; nothing due or not opted in, no mail', async () => {
		busy = await signUpTrainer(server, { name: 'Tess Trainer' });
		const idle = await signUpTrainer(server, { name: 'Ivy Idle' });
		const quiet = await signUpTrainer(server, { name: 'Quinn Quiet' });
		await addClient(server, busy, 'Carla Client');
		await addClient(server, quiet, 'Nora NotOptedIn');
		await optIn(busy);
		await optIn(idle);

		const device = connectPeer(server, `practice:${await idOf(busy)}`, busy.token);
		try {
			await within(device.synced, 10_000, 'the trainer’s device to sync');
			const providerId = addProvider(device.doc, providerFields({ name: 'Dr Ana Reyes', role: 'physician' }));
			const today = isoOf(Date.now());
			logTouchpoint(device.doc, {
				providerId,
				kind: 'letter_email',
				date: today,
				outcome: 'Sent the introduction',
				next: { due: addDays(isoOf(inThirtyDays(7)), -2), kind: 'call', note: '' }
			});
			await allSaved(device);
		} finally {
			device.destroy();
		}

		expect(await runDigest(inThirtyDays(6, 59))).toBe(0);
		expect(await runDigest(inThirtyDays(7, 5))).toBe(1);
		// A second run, a restart or a second instance finds today's digest queued.
		expect(await runDigest(inThirtyDays(9))).toBe(0);

		const received = await smtp.waitFor(isDigestTo(busy.email));
		expect(received.mail.subject).toBe(`2 things due today, ${isoOf(inThirtyDays(7))}`);
		expect(received.mail.text).toContain('Dr Ana Reyes: call (2 days overdue)');
		expect(received.mail.text).toMatch(/Carla Client: progress report \((Due today|\d+ days? overdue)\)/);
		expect(received.mail.html).toContain('Follow-ups due:<br>• Dr Ana Reyes: call (2 days overdue)</p>');
		const link = header(received, 'list-unsubscribe');
		expect(link).toMatch(new RegExp(`^<${server.url}/unsubscribe/[A-Za-z0-9_-]+>$`));
		unsubscribeUrl = link!.slice(1, -1);
		expect(header(received, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
		expect(received.mail.text).toContain(`Stop these emails, without signing in: ${unsubscribeUrl}`);

		const queued = await readDirectly(server, (db) => db.select().from(outgoingMail).where(eq(outgoingMail.kind, 'digest')));
		expect(queued.map((row) => row.dedupeKey)).toEqual([`digest:${await idOf(busy)}:${isoOf(inThirtyDays(7))}`]);
		expect(digestsTo(idle.email)).toHaveLength(0);
		expect(digestsTo(quiet.email)).toHaveLength(0);
		expect(digestsTo(busy.email)).toHaveLength(1);
	});

	it('shows a confirmation page at the link, with a button, without signing in', async () => {
		const page = await fetch(unsubscribeUrl);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('<button type="submit">Stop the morning digest</button>');
		expect(await digestIsOn(busy)).toBe(true);
	});

	it('changes nothing for a forged or altered token, and says the link is not valid', async () => {
		const token = unsubscribeUrl.split('/').pop()!;
		const altered = `${server.url}/unsubscribe/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
		for (const url of [altered, `${server.url}/unsubscribe/forged-token-of-the-right-length-xx`]) {
			expect(await (await fetch(url)).text()).toContain('This unsubscribe link is not valid');
			const posted = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
			expect(posted.status).toBe(400);
			expect(await posted.text()).toContain('This unsubscribe link is not valid, so nothing was changed.');
		}
		expect(await digestIsOn(busy)).toBe(true);
	});

	it('turns the digest off on a one-click POST with no cookie and no Origin (RFC 8058); the next morning sends nothing', async () => {
		const posted = await fetch(unsubscribeUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(posted.status).toBe(200);
		expect(await posted.text()).toContain('Done: the morning digest is off.');
		expect(await digestIsOn(busy)).toBe(false);
		const settings = await (await fetch(`${server.url}/account/email`, { headers: { cookie: busy.cookie } })).text();
		expect(settings).toMatch(/<input type="checkbox" name="dailyDigest"(?![^>]*checked)/);
		expect(await runDigest(inThirtyDays(7) + DAY)).toBe(0);
	});

	it('keeps the practice’s morning in its own time zone, and refuses a zone it does not offer, storing nothing', async () => {
		const tokyo = await signUpTrainer(server, { name: 'Tomo Tokyo' });
		await addClient(server, tokyo, 'Kenji Client');
		const refused = await postForm(server, '/account/email?/save', { dailyDigest: 'on', timeZone: 'Mars/Olympus_Mons' }, tokyo.cookie);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Choose your practice’s time zone from the list.');
		expect(await digestIsOn(tokyo)).toBe(false);
		const saved = await postForm(server, '/account/email?/save', { dailyDigest: 'on', timeZone: 'Asia/Tokyo' }, tokyo.cookie);
		expect(saved.status).toBe(200);

		const id = await idOf(tokyo);
		const keysOf = async () =>
			(await readDirectly(server, (db) => db.select().from(outgoingMail).where(eq(outgoingMail.kind, 'digest'))))
				.map((row) => row.dedupeKey)
				.filter((key) => key?.startsWith(`digest:${id}:`));
		// 07:30 UTC is 16:30 in Tokyo: not its morning.
		await runDigest(inThirtyDays(7, 30));
		expect(await keysOf()).toEqual([]);
		// 23:00 UTC is 08:00 the next day in Tokyo: its digest, under its own date.
		await runDigest(inThirtyDays(23));
		expect(await keysOf()).toEqual([`digest:${id}:${isoOf(inThirtyDays(23) + DAY)}`]);
		const received = await smtp.waitFor(isDigestTo(tokyo.email));
		expect(received.mail.subject).toContain(isoOf(inThirtyDays(23) + DAY));
	});
});
