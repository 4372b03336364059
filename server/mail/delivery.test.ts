import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { outgoingMail } from '../db/schema.ts';
import { buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { startSmtpServer } from '../testing/smtp.ts';
import { createDelivery, type DeliveryOptions } from './delivery.ts';
import { NO_MAIL_SERVER, queueMail, type MailMessage } from './outbox.ts';
import { smtpTransport } from './transport.ts';

const { db, close } = await temporaryDatabase();
const smtp = await startSmtpServer();
afterAll(async () => {
	await smtp.close();
	await close();
});

const FROM = 'Bridgework <no-reply@bridgework.test>';
let clock = Date.UTC(2026, 10, 2, 8, 0);
const now = () => clock;
const queue = (message: Partial<MailMessage> = {}, deliverable = true) =>
	queueMail(
		db,
		{ kind: 'test', to: 'ada@clinic.test', subject: 'Hello', text: 'Plain words', html: '<p>Plain <b>words</b></p>', ...message },
		{ deliverable, messageIdDomain: 'bridgework.test', now }
	);
const delivery = (options: Partial<DeliveryOptions> = {}) =>
	createDelivery(db, { transport: smtpTransport(smtp.url), from: FROM, now, log: () => {}, ...options });
const rowOf = async (id: string) => (await db.select().from(outgoingMail).where(eq(outgoingMail.id, id)))[0]!;

beforeEach(async () => {
	smtp.refuseWith(null);
	// Each test starts from an empty outbox: deliverDue sends whatever is due.
	await db.delete(outgoingMail);
});

describe('mail delivery over SMTP', () => {
	it('sends a queued message as a real server receives it, and marks it sent', async () => {
		const trainer = await buildTrainer(db);
		const row = (await queue({ to: 'ada@clinic.test', toName: 'Dr Ada Reyes', replyTo: trainer.email, ownerId: trainer.id, subject: 'A report for you' }))!;
		expect(row.status).toBe('pending');
		expect(await delivery().deliverDue()).toBe(1);
		const { mail, envelopeTo } = await smtp.waitFor((r) => r.mail.messageId === row.messageId);
		expect(envelopeTo).toEqual(['ada@clinic.test']);
		expect(mail.subject).toBe('A report for you');
		expect(mail.from?.value[0]).toMatchObject({ name: 'Bridgework', address: 'no-reply@bridgework.test' });
		expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]).toMatchObject({ name: 'Dr Ada Reyes', address: 'ada@clinic.test' });
		expect(mail.replyTo?.value[0]?.address).toBe(trainer.email);
		expect(mail.text?.trim()).toBe('Plain words');
		expect(mail.html).toContain('<b>words</b>');
		const stored = await rowOf(row.id);
		expect(stored).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
		expect(stored.sentAt?.getTime()).toBe(clock);
	});

	it('never sends a message twice when two instances deliver at once', async () => {
		const rows = [];
		for (let i = 0; i < 12; i++) rows.push((await queue({ to: `race-${i}@clinic.test`, subject: `Race ${i}` }))!);
		const [a, b] = await Promise.all([delivery().deliverDue(), delivery().deliverDue()]);
		expect(a + b).toBe(12);
		await Promise.all(rows.map((row) => smtp.waitFor((r) => r.mail.messageId === row.messageId)));
		for (const row of rows) expect(smtp.received.filter((r) => r.mail.messageId === row.messageId)).toHaveLength(1);
		expect((await db.select().from(outgoingMail)).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
	});

	it('retries a refused message later with the reason kept, and gives up after the bound', async () => {
		smtp.refuseWith(451);
		const row = (await queue({ subject: 'Try later' }))!;
		const job = delivery({ maxAttempts: 2, backoffMs: () => 60_000 });
		expect(await job.deliverDue()).toBe(0);
		let stored = await rowOf(row.id);
		expect(stored.status).toBe('pending');
		expect(stored.attempts).toBe(1);
		expect(stored.lastError).toMatch(/refused it: 451/);
		expect(stored.nextAttemptAt.getTime()).toBe(clock + 60_000);
		// Not before its time.
		expect(await job.deliverDue()).toBe(0);
		expect((await rowOf(row.id)).attempts).toBe(1);
		clock += 60_000;
		expect(await job.deliverDue()).toBe(0);
		stored = await rowOf(row.id);
		expect(stored).toMatchObject({ status: 'failed', attempts: 2 });
		expect(stored.lastError).toMatch(/451/);
		clock += 10 * 60_000;
		expect(await job.deliverDue()).toBe(0);
		expect((await rowOf(row.id)).attempts).toBe(2);
	});

	it('sends after a transient refusal once the server accepts again', async () => {
		smtp.refuseWith(421);
		const row = (await queue({ subject: 'Second time lucky' }))!;
		const job = delivery({ backoffMs: () => 1000 });
		expect(await job.deliverDue()).toBe(0);
		smtp.refuseWith(null);
		clock += 1000;
		expect(await job.deliverDue()).toBe(1);
		await smtp.waitFor((r) => r.mail.subject === 'Second time lucky');
		expect(await rowOf(row.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
	});

	it('fails at once on a permanent refusal (5xx), with the reason', async () => {
		smtp.refuseWith(550);
		const row = (await queue({ subject: 'No such mailbox' }))!;
		expect(await delivery().deliverDue()).toBe(0);
		const stored = await rowOf(row.id);
		expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
		expect(stored.lastError).toMatch(/550/);
	});

	it('records an unreachable server as a retry, without the password of SMTP_URL', async () => {
		const row = (await queue({ subject: 'Nobody home' }))!;
		expect(await delivery({ transport: smtpTransport('smtp://user:hunter2-secret@127.0.0.1:1') }).deliverDue()).toBe(0);
		const stored = await rowOf(row.id);
		expect(stored.status).toBe('pending');
		expect(stored.lastError).toMatch(/Could not reach the mail server/);
		expect(stored.lastError).not.toContain('hunter2');
	});

	it('keeps a message held when no mail server is configured, and does not send it', async () => {
		const row = (await queue({ subject: 'Held' }, false))!;
		expect(row).toMatchObject({ status: 'held', lastError: NO_MAIL_SERVER });
		expect(await delivery().deliverDue()).toBe(0);
		expect((await rowOf(row.id)).status).toBe('held');
	});

	it('takes over a message whose sender died mid-send once its lease ran out, and not before', async () => {
		const row = (await queue({ subject: 'Orphaned' }))!;
		await db
			.update(outgoingMail)
			.set({ status: 'sending', attempts: 1, leaseUntil: new Date(clock + 60_000) })
			.where(eq(outgoingMail.id, row.id));
		expect(await delivery().deliverDue()).toBe(0);
		clock += 60_001;
		expect(await delivery().deliverDue()).toBe(1);
		await smtp.waitFor((r) => r.mail.subject === 'Orphaned');
		expect(await rowOf(row.id)).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('queues a message with a dedupe key once', async () => {
		expect(await queue({ dedupeKey: 'invitation:1' })).not.toBeNull();
		expect(await queue({ dedupeKey: 'invitation:1' })).toBeNull();
		expect(await db.select().from(outgoingMail)).toHaveLength(1);
	});

	it('delivers from start() and wake() without being asked twice', async () => {
		const job = delivery({ pollMs: 60_000 });
		job.start();
		const row = (await queue({ subject: 'Woken' }))!;
		job.wake();
		await smtp.waitFor((r) => r.mail.subject === 'Woken');
		await job.stop();
		expect((await rowOf(row.id)).status).toBe('sent');
	});
});
