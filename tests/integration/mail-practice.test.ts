import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outgoingMail, users } from '../../server/db/schema.ts';
import { localDate } from '../../src/lib/shared/referrals/dates.ts';
import { addProvider, readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';
import { startSmtpServer, type TestSmtpServer } from '../../server/testing/smtp.ts';
import {
	acceptAsNewClient,
	addClient,
	approvePendingLinks,
	consentingClient,
	createBlankDocument,
	createPracticeDocument,
	postForm,
	signUpTrainer
} from './helpers/accounts.ts';
import { allSaved, connectPeer, eventually, within } from './helpers/collab.ts';
import { readDirectly } from './helpers/database.ts';
import { pageData } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let smtp: TestSmtpServer;
let server: RunningServer;
let unconfigured: RunningServer;

beforeAll(async () => {
	smtp = await startSmtpServer();
	[server, unconfigured] = await Promise.all([startServer({ mailbox: smtp, env: { MAIL_FROM: 'no-reply@bridgework.test' } }), startServer()]);
});
afterAll(async () => {
	await Promise.all([server?.stop(), unconfigured?.stop()]);
	await smtp?.close();
});

const decode = (value: string) => value.replaceAll('&amp;', '&');
const shownLink = (html: string, path: string) => {
	const link = new RegExp(`value="(http://[^"]+/${path}/[A-Za-z0-9_-]+)"`).exec(html)?.[1];
	if (!link) throw new Error(`no ${path} link in the page`);
	return decode(link);
};

describe('practice email over a real SMTP server', () => {
	it('mails an invitation to the client, Reply-To the trainer; resend sends the same link, which still works when copied', async () => {
		const trainer = await signUpTrainer(server, { name: 'Tess Trainer' });
		const clientId = await addClient(server, trainer, 'Carla Client');
		const clientEmail = `carla-${Date.now()}@example.com`;
		const response = await postForm(server, `/clients/${clientId}?/invite`, { email: clientEmail }, trainer.cookie);
		const html = await response.text();
		expect(html).toContain(`The invitation is on its way to ${clientEmail}`);
		const link = shownLink(html, 'invite');

		const first = await smtp.waitFor((r) => r.envelopeTo.includes(clientEmail));
		expect(first.mail.subject).toBe('Tess Trainer invites you to Bridgework');
		expect(first.mail.replyTo?.value[0]?.address).toBe(trainer.email);
		expect(first.mail.text).toContain(link);
		expect(first.mail.text).toContain('Hello Carla Client,');

		const page = await (await fetch(`${server.url}/clients/${clientId}`, { headers: { cookie: trainer.cookie } })).text();
		expect(page).toContain(`emailed to ${clientEmail}`);
		const invitationId = (await pageData<{ invitations: { id: string }[] }>(server, `/clients/${clientId}`, trainer.cookie)).invitations[0]?.id;
		const resent = await postForm(server, `/clients/${clientId}?/resendInvite`, { invitationId: invitationId! }, trainer.cookie);
		expect(resent.status).toBe(200);
		await smtp.waitFor((r) => r.envelopeTo.includes(clientEmail) && r.mail.messageId !== first.mail.messageId);
		const both = smtp.received.filter((r) => r.envelopeTo.includes(clientEmail));
		expect(both).toHaveLength(2);
		expect(both[1]!.mail.text).toContain(link);

		// The link copied from the page is the one in the email, and accepting it works.
		const client = await acceptAsNewClient(server, link, 'Carla Client');
		expect(client.cookie).toMatch(/^bw_session=/);
		// Used: no more resending.
		expect((await postForm(server, `/clients/${clientId}?/resendInvite`, { invitationId: invitationId! }, trainer.cookie)).status).toBe(400);
	});

	it('emails a share link to the provider with the message and expiry once the client approves, and not before', async () => {
		const trainer = await signUpTrainer(server, { name: 'Tess Trainer' });
		const clientId = await addClient(server, trainer, 'Carla Client');
		const documentId = await createBlankDocument(server, trainer, clientId, 'Progress report, November');
		const client = await consentingClient(server, trainer, clientId);
		const providerEmail = `ada-${Date.now()}@clinic.example`;
		const lastDay = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
		const lastDayInWords = new Date(`${lastDay}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
		const response = await postForm(
			server,
			`/documents/${documentId}/sharing?/createLink`,
			{
				providerName: 'Dr Ada Reyes',
				providerRole: 'physician',
				providerPractice: 'Lakeside Family Medicine',
				providerEmail,
				expiry: 'date',
				expiresOn: lastDay,
				emailProvider: 'on',
				message: 'Dear Ada,\nCarla has made good progress <really>.'
			},
			trainer.cookie
		);
		const html = await response.text();
		expect(response.status, html.match(/field-error[^<]*<|form-error[^<]*</g)?.join(' ')).toBe(200);
		expect(html).toContain(`Emailed to ${providerEmail} once Carla Client approves it`);
		const link = shownLink(html, 's');
		const row = await readDirectly(server, async (db) => (await db.select().from(outgoingMail).where(eq(outgoingMail.toAddress, providerEmail)))[0]);
		expect(row?.status).toBe('waiting');
		expect(smtp.received.some((r) => r.envelopeTo.includes(providerEmail))).toBe(false);

		expect(await approvePendingLinks(server, client, clientId)).toBe(1);
		const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(providerEmail));
		expect(mail.subject).toBe('Progress report, November, from Tess Trainer');
		expect(mail.replyTo?.value[0]?.address).toBe(trainer.email);
		expect(mail.text).toContain('> Carla has made good progress <really>.');
		expect(mail.html).toContain('Carla has made good progress &lt;really&gt;.');
		expect(mail.text).toContain(`The link works until ${lastDayInWords}.`);
		expect(mail.text).toContain(link);
		expect((await fetch(link)).status).toBe(200);
	});

	it('emails the link with the report’s PDF to the provider and, from the directory, their office manager; the touchpoint names both', async () => {
		const trainer = await signUpTrainer(server, { name: 'Tess Trainer' });
		const [owner] = await readDirectly(server, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1));
		const device = connectPeer(server, `practice:${owner!.id}`, trainer.token);
		try {
			await within(device.synced, 10_000, 'the trainer’s device to sync');
			const stamp = Date.now();
			const providerEmail = `reyes-${stamp}@riverside.example`;
			const officeEmail = `pat-${stamp}@riverside.example`;
			const providerId = addProvider(
				device.doc,
				providerFields({
					name: 'Dr Ana Reyes',
					role: 'physician',
					practiceName: 'Riverside Orthopaedics',
					email: providerEmail,
					officeManagerName: 'Pat Quinn',
					officeManagerEmail: officeEmail
				})
			);
			await allSaved(device);
			const clientId = await addClient(server, trainer, 'Carla Client');
			const documentId = await createBlankDocument(server, trainer, clientId, 'Progress report, November');
			const client = await consentingClient(server, trainer, clientId);
			const response = await postForm(
				server,
				`/documents/${documentId}/sharing?/createLink`,
				{
					directoryProviderId: providerId,
					providerName: '',
					providerRole: 'physician',
					providerEmail: '',
					expiry: '30-days',
					emailProvider: 'on',
					emailOfficeManager: 'on',
					attachPdf: 'on',
					message: 'Carla is doing well.',
					today: localDate(new Date())
				},
				trainer.cookie
			);
			const html = await response.text();
			expect(response.status, html.match(/field-error[^<]*<|form-error[^<]*</g)?.join(' ')).toBe(200);
			expect(html).toContain(`Emailed to ${officeEmail} once Carla Client approves it`);
			const link = shownLink(html, 's');
			await approvePendingLinks(server, client, clientId);
			const office = await smtp.waitFor((r) => r.envelopeTo.includes(officeEmail));
			const provider = await smtp.waitFor((r) => r.envelopeTo.includes(providerEmail));
			expect(office.mail.text).toContain('Dear Pat Quinn,');
			expect(office.mail.text).toContain('with Dr Ana Reyes');
			expect(office.mail.text).toContain('> Carla is doing well.');
			expect(office.mail.text).toMatch(/The link works until \d{1,2} \w+ \d{4}\./);
			expect(office.mail.text).toContain(link);
			expect(office.mail.replyTo?.value[0]?.address).toBe(trainer.email);
			expect(provider.mail.text).toContain('Dear Dr Ana Reyes,');
			for (const { mail } of [provider, office]) {
				expect(mail.text).toContain('attached as a PDF');
				expect(mail.attachments).toHaveLength(1);
				expect(mail.attachments[0]!.contentType).toBe('application/pdf');
				expect(mail.attachments[0]!.filename).toBe('Progress report, November - Carla Client.pdf');
				expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
			}
			const logged = () => readPractice(device.doc).touchpoints.filter((t) => t.providerId === providerId);
			await eventually(() => logged().length > 0, { what: 'the touchpoint to reach the device' });
			expect(logged()).toHaveLength(1);
			expect(logged()[0]!.outcome).toContain(`Emailed to ${providerEmail} and ${officeEmail}.`);
		} finally {
			device.destroy();
		}
	});

	/** A consenting client's document whose link form is refused with `message`: no link is stored. */
	async function expectLinkRefused(fields: Record<string, string>, message: string) {
		const trainer = await signUpTrainer(server);
		const clientId = await addClient(server, trainer);
		const documentId = await createBlankDocument(server, trainer, clientId);
		await consentingClient(server, trainer, clientId);
		const response = await postForm(server, `/documents/${documentId}/sharing?/createLink`, fields, trainer.cookie);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(message);
		const page = await (await fetch(`${server.url}/documents/${documentId}/sharing`, { headers: { cookie: trainer.cookie } })).text();
		expect(page).toContain('No links yet.');
	}

	it('refuses to email the office manager of a provider typed in rather than picked, storing no link', async () => {
		await expectLinkRefused(
			{ providerName: 'Dr Ada Reyes', providerRole: 'physician', providerEmail: 'ada@clinic.example', expiry: '30-days', emailOfficeManager: 'on' },
			'Pick a provider from your directory whose record has an office manager’s email'
		);
	});

	it('emails a letter from a template to a provider: HTML, plain text and PDF, Reply-To the trainer, logged once however often the form is sent', async () => {
		const trainer = await signUpTrainer(server, { name: 'Tess Trainer' });
		const [owner] = await readDirectly(server, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1));
		const device = connectPeer(server, `practice:${owner!.id}`, trainer.token);
		try {
			await within(device.synced, 10_000, 'the trainer’s device to sync');
			const providerEmail = `okafor-${Date.now()}@spine.example`;
			const providerId = addProvider(
				device.doc,
				providerFields({ name: 'Dr Sam Okafor', role: 'physician', practiceName: 'Spine Works', email: providerEmail })
			);
			await allSaved(device);
			const today = localDate(new Date());
			const documentId = await createPracticeDocument(server, trainer, 'intro_letter_physician', {
				directoryProviderId: providerId,
				providerName: '',
				providerClinic: '',
				today
			});
			const { sendId } = await pageData<{ sendId: string }>(server, `/documents/${documentId}/email`, trainer.cookie);
			expect(sendId).toBeTruthy();
			const form = { directoryProviderId: providerId, subject: 'Introduction: Tess Trainer, exercise for your patients', sendId, today };

			for (let i = 0; i < 2; i++) {
				const response = await postForm(server, `/documents/${documentId}/email?/send`, { ...form, confirmPrompts: 'on' }, trainer.cookie);
				expect(response.status).toBe(200);
			}
			const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(providerEmail));
			expect(mail.subject).toBe(form.subject);
			expect(mail.replyTo?.value[0]?.address).toBe(trainer.email);
			expect(mail.html).toContain('<p');
			expect(mail.text?.length).toBeGreaterThan(100);
			expect(mail.text).toContain('Replying to this email reaches Tess Trainer.');
			expect(mail.attachments).toHaveLength(1);
			expect(mail.attachments[0]!.contentType).toBe('application/pdf');
			expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
			const rows = await readDirectly(server, (db) => db.select().from(outgoingMail).where(eq(outgoingMail.toAddress, providerEmail)));
			expect(rows).toHaveLength(1);
			const emailed = () => readPractice(device.doc).touchpoints.filter((t) => t.providerId === providerId && t.outcome.startsWith('Letter emailed'));
			await eventually(() => emailed().length > 0, { what: 'the letter touchpoint to reach the device' });
			expect(emailed()).toHaveLength(1);
			expect(emailed()[0]!.kind).toBe('letter_email');
		} finally {
			device.destroy();
		}
	});

	it('tells a trainer who opted in, once per link, that a provider opened it; not one who did not', async () => {
		const optedIn = await signUpTrainer(server, { name: 'Olive Opted' });
		const saved = await postForm(server, '/account/email?/save', { firstViewNotice: 'on' }, optedIn.cookie);
		expect(saved.status).toBe(200);
		expect(await (await fetch(`${server.url}/account/email`, { headers: { cookie: optedIn.cookie } })).text()).toMatch(/name="firstViewNotice" checked/);
		const quiet = await signUpTrainer(server);
		const links: string[] = [];
		for (const trainer of [optedIn, quiet]) {
			const clientId = await addClient(server, trainer, 'Carla Client');
			const documentId = await createBlankDocument(server, trainer, clientId, 'Progress report, November');
			const client = await consentingClient(server, trainer, clientId);
			const html = await (
				await postForm(
					server,
					`/documents/${documentId}/sharing?/createLink`,
					{ providerName: 'Dr Ada Reyes', providerRole: 'physician', expiry: '30-days' },
					trainer.cookie
				)
			).text();
			await approvePendingLinks(server, client, clientId);
			links.push(shownLink(html, 's'));
		}
		for (const link of links) {
			expect((await fetch(link)).status).toBe(200);
			expect((await fetch(link)).status).toBe(200);
			expect((await fetch(`${link}/pdf`)).status).toBe(200);
		}
		const { mail } = await smtp.waitFor((r) => r.envelopeTo.includes(optedIn.email) && r.mail.subject === 'Dr Ada Reyes opened “Progress report, November”');
		expect(mail.text).toContain('/account/email');
		const notices = (address: string) =>
			readDirectly(server, (db) => db.select().from(outgoingMail).where(eq(outgoingMail.toAddress, address))).then((rows) =>
				rows.filter((r) => r.kind === 'first_view')
			);
		expect(await notices(optedIn.email)).toHaveLength(1);
		expect(await notices(quiet.email)).toHaveLength(0);
	});

	it('refuses to email a link with no address, storing no link', async () => {
		await expectLinkRefused(
			{ providerName: 'Dr Ada Reyes', providerRole: 'physician', providerEmail: '', expiry: '30-days', emailProvider: 'on' },
			"Enter the provider's email address to email the link"
		);
	});

	it('without a mail server, keeps the invitation in the Outbox, marked not sent, with the link to copy', async () => {
		const trainer = await signUpTrainer(unconfigured);
		const other = await signUpTrainer(unconfigured);
		const clientId = await addClient(unconfigured, trainer, 'Carl Client');
		const html = await (await postForm(unconfigured, `/clients/${clientId}?/invite`, { email: 'carl@example.com' }, trainer.cookie)).text();
		expect(html).toContain('No mail server is configured, so the invitation to carl@example.com waits in your Outbox');
		const link = shownLink(html, 'invite');
		const outbox = await (await fetch(`${unconfigured.url}/outbox`, { headers: { cookie: trainer.cookie } })).text();
		expect(outbox).toContain('Not sent: no mail server configured');
		expect(outbox).toContain('Carl Client &lt;carl@example.com>');
		expect(decode(outbox)).toContain(`value="${link}"`);
		// Another trainer's Outbox does not show it.
		const theirs = await (await fetch(`${unconfigured.url}/outbox`, { headers: { cookie: other.cookie } })).text();
		expect(theirs).not.toContain('carl@example.com');
		expect(theirs).toContain('No emails yet.');
	});
});
