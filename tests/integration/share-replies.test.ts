// The provider answers under a shared report, with no account: the message is stored as text,
// kept in the link's audit trail, logged on the provider's timeline and mailed to the trainer
// through the outbox; the trainer replies on the sharing page and the provider reads it on the next
// visit. Revoking the link ends the thread; the client reads it while their consent covers it.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outgoingMail, shareLinks, shareReplies, users } from '../../server/db/schema.ts';
import { localDate } from '../../src/lib/shared/referrals/dates.ts';
import { addProvider, readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';
import {
	addClient,
	approvePendingLinks,
	consentingClient,
	createBlankDocument,
	createShareLink,
	postForm,
	revokeConsent,
	revokeLinksOfDocument,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { allSaved, connectPeer, eventually, within, type TestPeer } from './helpers/collab.ts';
import { readDirectly } from './helpers/database.ts';
import { pageData } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const peers: TestPeer[] = [];
afterEach(() => {
	for (const peer of peers.splice(0)) peer.destroy();
});

const today = localDate(new Date());

async function userId(trainer: SignedIn): Promise<string> {
	const [row] = await readDirectly(server, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1));
	return row!.id;
}

/**
 * A trainer with Dr Ana Reyes in their directory, a consenting client, and a live link to the
 * client's report made for Dr Reyes from the directory.
 */
async function sharedWithDirectoryProvider() {
	const trainer = await signUpTrainer(server);
	const device = connectPeer(server, `practice:${await userId(trainer)}`, trainer.token);
	peers.push(device);
	await within(device.synced, 10_000, 'the trainer’s device to sync');
	const providerId = addProvider(device.doc, providerFields({ name: 'Dr Ana Reyes', role: 'physician', practiceName: 'Riverside Orthopaedics' }));
	await allSaved(device);
	const clientId = await addClient(server, trainer, 'Carla Client');
	const documentId = await createBlankDocument(server, trainer, clientId, 'Progress report, November');
	const client = await consentingClient(server, trainer, clientId);
	const link = await createShareLink(server, trainer, documentId, { directoryProviderId: providerId, providerName: '', providerPractice: '', today });
	if (!link.token) throw new Error(`no share link created (${link.status})`);
	await approvePendingLinks(server, client, clientId);
	const [row] = await readDirectly(server, (db) => db.select({ id: shareLinks.id }).from(shareLinks).where(eq(shareLinks.documentId, documentId)));
	return { trainer, device, providerId, clientId, client, documentId, token: link.token, linkId: row!.id };
}

/** The provider's form, posted as a browser without JavaScript posts it: no cookie, no account. */
function answer(token: string, fields: Record<string, string>) {
	return postForm(server, `/s/${token}?/reply`, fields);
}

function repliesOf(linkId: string) {
	return readDirectly(server, (db) =>
		db
			.select({ author: shareReplies.author, kind: shareReplies.kind, body: shareReplies.body, authorName: shareReplies.authorName })
			.from(shareReplies)
			.where(eq(shareReplies.linkId, linkId))
			.orderBy(asc(shareReplies.createdAt))
	);
}

function mailOf(trainer: SignedIn) {
	return readDirectly(server, (db) =>
		db
			.select({
				kind: outgoingMail.kind,
				to: outgoingMail.toAddress,
				subject: outgoingMail.subject,
				text: outgoingMail.text,
				html: outgoingMail.html,
				status: outgoingMail.status
			})
			.from(outgoingMail)
			.where(and(eq(outgoingMail.toAddress, trainer.email), eq(outgoingMail.kind, 'share_reply')))
	);
}

describe('a provider answering on a shared report', () => {
	it('asks a question without an account: stored as text, audited, logged on their timeline and mailed to the trainer', async () => {
		const { trainer, device, providerId, token, linkId } = await sharedWithDirectoryProvider();
		const question = 'Is the <b>balance</b> work safe with her new beta blocker?\nShe mentioned dizziness.';
		const response = await answer(token, { kind: 'question', body: question, authorName: '' });
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Sent to Tess Trainer');
		// Text, never markup: the provider's words are escaped where they are shown.
		expect(html).toContain('Is the &lt;b>balance&lt;/b> work safe');
		expect(html).not.toContain('<b>balance</b>');

		expect(await repliesOf(linkId)).toEqual([{ author: 'provider', kind: 'question', body: question, authorName: null }]);

		const trail = await readDirectly(server, (db) =>
			db.select({ event: auditLog.event, detail: auditLog.detail, linkId: auditLog.linkId }).from(auditLog).where(eq(auditLog.event, 'reply'))
		);
		expect(trail.filter((row) => row.linkId === linkId)).toEqual([{ event: 'reply', detail: 'asked a question', linkId }]);

		const mail = await mailOf(trainer);
		expect(mail).toHaveLength(1);
		expect(mail[0]).toMatchObject({ kind: 'share_reply', to: trainer.email, subject: 'Dr Ana Reyes asked a question about “Progress report, November”' });
		expect(mail[0]!.text).toContain('> Is the <b>balance</b> work safe');
		expect(mail[0]!.html).toContain('Is the &lt;b&gt;balance&lt;/b&gt; work safe');
		// No mail server on this test server: kept in the Outbox, marked not sent.
		expect(mail[0]!.status).toBe('held');

		await eventually(() => readPractice(device.doc).touchpoints.some((t) => t.kind === 'provider_reply'), {
			what: 'the touchpoint to reach the trainer’s device'
		});
		const touchpoint = readPractice(device.doc).touchpoints.find((t) => t.kind === 'provider_reply');
		expect(touchpoint).toMatchObject({ providerId, date: today, source: 'share_reply', next: { kind: 'letter_email' } });
		expect(touchpoint!.outcome).toContain('Asked a question on “Progress report, November”');
	});

	it('refuses an over-long message with the reason, keeps what was typed, and stores and mails nothing', async () => {
		const { trainer, token, linkId } = await sharedWithDirectoryProvider();
		const long = 'x'.repeat(2001);
		const response = await answer(token, { kind: 'input', body: long, authorName: 'Office manager' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Keep your message to 2,000 characters or fewer.');
		expect(html).toContain('role="alert"');
		expect(html).toContain(long);

		const noKind = await answer(token, { body: 'Thanks' });
		expect(noKind.status).toBe(400);
		expect(await noKind.text()).toContain('Choose whether you acknowledge receipt, ask a question or give input.');

		// Exactly 2,000 characters is allowed: the limit is the limit.
		expect(await repliesOf(linkId)).toEqual([]);
		expect(await mailOf(trainer)).toEqual([]);
		expect((await answer(token, { kind: 'input', body: 'y'.repeat(2000) })).status).toBe(200);
		expect(await repliesOf(linkId)).toHaveLength(1);
	});

	it('takes 5 messages per link in 10 minutes, then refuses the 6th with a reason and stores nothing more', async () => {
		const { token, linkId } = await sharedWithDirectoryProvider();
		for (let i = 1; i <= 5; i++) expect((await answer(token, { kind: 'acknowledge', body: `Thanks ${i}` })).status).toBe(200);
		const sixth = await answer(token, { kind: 'input', body: 'One more thing' });
		expect(sixth.status).toBe(429);
		const html = await sixth.text();
		expect(html).toContain('Several messages were sent on this link in a short time. Try again in 10 minutes');
		expect(html).toContain('One more thing');
		expect(await repliesOf(linkId)).toHaveLength(5);
	});

	it('is refused once the link is revoked, and the page no longer shows the thread', async () => {
		const { trainer, documentId, token, linkId } = await sharedWithDirectoryProvider();
		expect((await answer(token, { kind: 'acknowledge', body: 'Received, thank you.' })).status).toBe(200);
		expect(await revokeLinksOfDocument(server, trainer, documentId)).toBe(1);

		const refused = await answer(token, { kind: 'question', body: 'Are you still there?' });
		expect(refused.status).toBe(404);
		expect(await refused.text()).not.toContain('Received, thank you.');
		expect(await repliesOf(linkId)).toHaveLength(1);
		const page = await fetch(`${server.url}/s/${token}`);
		expect(page.status).toBe(404);
		expect(await page.text()).not.toContain('Received, thank you.');

		// The trainer still reads the thread, but cannot reply in it.
		const sharing = await pageData<{ links: { id: string; thread: { body: string }[] }[] }>(server, `/documents/${documentId}/sharing`, trainer.cookie);
		expect(sharing.links.find((link) => link.id === linkId)?.thread.map((m) => m.body)).toEqual(['Received, thank you.']);
		const late = await postForm(server, `/documents/${documentId}/sharing?/reply`, { thread: linkId, body: 'Sorry, here is the answer.' }, trainer.cookie);
		expect(late.status).toBe(400);
		expect(await late.text()).toContain('its thread is closed');
		expect(await repliesOf(linkId)).toHaveLength(1);
	});
});

describe('the trainer’s side of the thread', () => {
	it('lists answers on the home screen as unread until the sharing page is opened, and the reply reaches the provider', async () => {
		const { trainer, documentId, token, linkId } = await sharedWithDirectoryProvider();
		await answer(token, { kind: 'question', body: 'Can she do stairs yet?', authorName: 'Jo, office manager' });

		type Home = { answers: { linkId: string; authorName: string | null; body: string; unread: boolean }[]; unreadAnswers: number };
		const home = await pageData<Home>(server, '/clients', trainer.cookie);
		expect(home.unreadAnswers).toBe(1);
		expect(home.answers).toMatchObject([{ linkId, authorName: 'Jo, office manager', body: 'Can she do stairs yet?', unread: true }]);

		const sharing = await fetch(`${server.url}/documents/${documentId}/sharing`, { headers: { cookie: trainer.cookie } });
		const sharingHtml = await sharing.text();
		expect(sharingHtml).toContain('Answers from providers');
		expect(sharingHtml).toContain('Can she do stairs yet?');
		expect((await pageData<Home>(server, '/clients', trainer.cookie)).answers[0]!.unread).toBe(false);

		const tooLong = await postForm(server, `/documents/${documentId}/sharing?/reply`, { thread: linkId, body: 'z'.repeat(2001) }, trainer.cookie);
		expect(tooLong.status).toBe(400);
		expect(await tooLong.text()).toContain('Keep your message to 2,000 characters or fewer.');

		const reply = await postForm(
			server,
			`/documents/${documentId}/sharing?/reply`,
			{ thread: linkId, body: 'Yes, with a rail, 2 flights a day.' },
			trainer.cookie
		);
		expect(reply.status).toBe(200);
		expect(await repliesOf(linkId)).toMatchObject([
			{ author: 'provider', kind: 'question' },
			{ author: 'trainer', kind: 'reply', body: 'Yes, with a rail, 2 flights a day.', authorName: 'Tess Trainer' }
		]);

		const next = await (await fetch(`${server.url}/s/${token}`)).text();
		expect(next).toContain('Can she do stairs yet?');
		expect(next).toContain('Yes, with a rail, 2 flights a day.');
	});

	it('refuses a reply to another trainer’s thread as not found', async () => {
		const { documentId, linkId } = await sharedWithDirectoryProvider();
		const stranger = await signUpTrainer(server);
		const response = await postForm(server, `/documents/${documentId}/sharing?/reply`, { thread: linkId, body: 'Hello' }, stranger.cookie);
		expect(response.status).toBe(404);
		expect(await repliesOf(linkId)).toEqual([]);
	});
});

describe('the client’s view of the exchange', () => {
	it('shows the thread on their document while their consent covers the provider, and not after they revoke it', async () => {
		const { trainer, client, clientId, documentId, token, linkId } = await sharedWithDirectoryProvider();
		await answer(token, { kind: 'input', body: 'Keep heart rate under 120 for now.' });
		await postForm(server, `/documents/${documentId}/sharing?/reply`, { thread: linkId, body: 'Noted, thank you.' }, trainer.cookie);

		type View = { exchanges: { providerName: string; messages: { author: string; body: string }[] }[] };
		const view = await pageData<View>(server, `/documents/${documentId}`, client.cookie);
		expect(view.exchanges).toEqual([
			{
				linkId,
				providerName: 'Dr Ana Reyes',
				messages: [
					expect.objectContaining({ author: 'provider', body: 'Keep heart rate under 120 for now.' }),
					expect.objectContaining({ author: 'trainer', body: 'Noted, thank you.' })
				]
			}
		]);

		expect((await revokeConsent(server, client, clientId)).status).toBeLessThan(400);
		expect((await pageData<View>(server, `/documents/${documentId}`, client.cookie)).exchanges).toEqual([]);
	});
});
