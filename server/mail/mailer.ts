import type { Db, Executor } from '../db/client.ts';
import type { OutgoingMail } from '../db/schema.ts';
import type { MailConfig } from './config.ts';
import { createDelivery, type Delivery } from './delivery.ts';
import { domainOf, queueMail, releaseMail, type MailMessage } from './outbox.ts';
import { smtpTransport } from './transport.ts';

export interface Mailer {
	/** False without SMTP_URL: messages are kept in the Outbox, marked not sent. */
	configured: boolean;
	/**
	 * Every email goes through here. Queues it (in `executor`, a transaction if the caller is in
	 * one, so the message commits with its cause) and wakes delivery; the action never waits for SMTP.
	 */
	send(message: MailMessage, executor?: Executor, options?: { waitingFor?: string }): Promise<OutgoingMail | null>;
	/** Lets a waiting message go (see releaseMail). */
	release(dedupeKey: string): Promise<boolean>;
	/** Starts the delivery job of this instance (the entry point does, once). */
	start(): void;
	stop(): Promise<void>;
}

export function createMailer(db: Db, config: MailConfig): Mailer {
	const delivery: Delivery | null = config.smtpUrl ? createDelivery(db, { transport: smtpTransport(config.smtpUrl), from: config.from }) : null;
	const messageIdDomain = domainOf(config.from);
	return {
		configured: delivery !== null,
		async send(message, executor = db, options = {}) {
			const row = await queueMail(executor, message, { deliverable: delivery !== null, messageIdDomain, waitingFor: options.waitingFor });
			// Inside a transaction the row is not visible yet; the next poll (five seconds) finds it.
			if (executor === db) delivery?.wake();
			return row;
		},
		async release(dedupeKey) {
			const released = await releaseMail(db, dedupeKey, delivery !== null);
			if (released) delivery?.wake();
			return released;
		},
		start: () => delivery?.start(),
		stop: async () => delivery?.stop()
	};
}
