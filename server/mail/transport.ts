import nodemailer from 'nodemailer';
import type { MailTransport } from './delivery.ts';

/**
 * nodemailer over SMTP_URL. The timeouts bound one send well inside the delivery lease (ten
 * minutes), so a hung mail server cannot make a second instance take over a message still being sent.
 */
export function smtpTransport(smtpUrl: string): MailTransport {
	return nodemailer.createTransport({
		url: smtpUrl,
		connectionTimeout: 30_000,
		greetingTimeout: 30_000,
		socketTimeout: 60_000
	});
}
