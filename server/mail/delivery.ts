import { and, asc, eq, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outgoingMail, type OutgoingMail } from '../db/schema.ts';

/** What delivery needs of a mail library: nodemailer's sendMail, or anything shaped so. */
export interface MailTransport {
	sendMail(message: {
		from: string;
		to: { name: string; address: string } | string;
		replyTo?: string;
		subject: string;
		text: string;
		html: string;
		messageId: string;
		attachments?: { filename: string; contentType: string; content: Buffer }[];
		headers?: Record<string, string>;
	}): Promise<unknown>;
	close?(): void;
}

export interface DeliveryOptions {
	transport: MailTransport;
	from: string;
	now?: () => number;
	/** How long a claimed message is this instance's; longer than any one send can take (see transport.ts). */
	leaseMs?: number;
	/** Attempts before a message is marked failed. */
	maxAttempts?: number;
	/** Wait before attempt n+1 after n failures. */
	backoffMs?: (failures: number) => number;
	/** How often to look for due messages (other instances queue them too). */
	pollMs?: number;
	log?: (line: string) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
const MINUTE = 60_000;
/** 1, 5, 30 minutes, then 2 hours: a mail server down for a morning still gets the message. */
export const defaultBackoff = (failures: number) => [1, 5, 30, 120, 120][Math.min(failures, 5) - 1]! * MINUTE;

/** Due: waiting and its time has come, or claimed by an instance whose lease ran out (it died mid-send). */
function due(now: Date) {
	return or(
		and(eq(outgoingMail.status, 'pending'), lte(outgoingMail.nextAttemptAt, now)),
		and(eq(outgoingMail.status, 'sending'), lt(outgoingMail.leaseUntil, now))
	);
}

interface SmtpError {
	responseCode?: number;
	response?: string;
	code?: string;
	message?: string;
}

/** A 5xx answer is the server's final word on this message (unknown mailbox, refused content). */
function isPermanent(error: SmtpError): boolean {
	return typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;
}

/** The reason in words for the Outbox; never the SMTP URL, which may hold a password. */
export function describeFailure(error: unknown): string {
	const smtp = (error ?? {}) as SmtpError;
	if (smtp.responseCode) return `The mail server refused it: ${smtp.response ?? smtp.responseCode}`.slice(0, 500);
	if (smtp.code === 'ECONNECTION' || smtp.code === 'ESOCKET' || smtp.code === 'EDNS')
		return `Could not reach the mail server (${smtp.message ?? smtp.code}).`.slice(0, 500);
	if (smtp.code === 'ETIMEDOUT') return 'The mail server did not answer in time.';
	return `Sending failed: ${smtp.message ?? String(error)}`.slice(0, 500);
}

export interface Delivery {
	/** Sends every due message once; resolves with how many were sent. */
	deliverDue(): Promise<number>;
	/** Looks for due messages now rather than at the next poll (after queueing one). */
	wake(): void;
	start(): void;
	/** Stops polling and waits for a send under way. */
	stop(): Promise<void>;
}

export function createDelivery(db: Db, options: DeliveryOptions): Delivery {
	const now = options.now ?? Date.now;
	const leaseMs = options.leaseMs ?? 10 * MINUTE;
	const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
	const backoff = options.backoffMs ?? defaultBackoff;
	const log = options.log ?? ((line: string) => console.error(line));

	/**
	 * Takes the message for this instance, or learns that another took it: the conditional update
	 * is atomic on both databases, so of two instances racing for one row exactly one gets it.
	 */
	async function claim(id: string): Promise<OutgoingMail | undefined> {
		const at = new Date(now());
		const [row] = await db
			.update(outgoingMail)
			.set({ status: 'sending', leaseUntil: new Date(at.getTime() + leaseMs), attempts: sql`${outgoingMail.attempts} + 1` })
			.where(and(eq(outgoingMail.id, id), due(at)))
			.returning();
		return row;
	}

	async function deliverOne(row: OutgoingMail): Promise<boolean> {
		try {
			await options.transport.sendMail({
				from: options.from,
				to: row.toName ? { name: row.toName, address: row.toAddress } : row.toAddress,
				replyTo: row.replyTo ?? undefined,
				subject: row.subject,
				text: row.text,
				html: row.html,
				messageId: row.messageId,
				attachments: row.attachments?.map((file) => ({
					filename: file.filename,
					contentType: file.contentType,
					content: Buffer.from(file.contentBase64, 'base64')
				})),
				headers: row.headers ?? undefined
			});
		} catch (error) {
			const reason = describeFailure(error);
			const final = isPermanent(error as SmtpError) || row.attempts >= maxAttempts;
			await db
				.update(outgoingMail)
				.set(
					final
						? { status: 'failed', leaseUntil: null, lastError: reason }
						: { status: 'pending', leaseUntil: null, lastError: reason, nextAttemptAt: new Date(now() + backoff(row.attempts)) }
				)
				.where(and(eq(outgoingMail.id, row.id), eq(outgoingMail.status, 'sending')));
			// The reason stays in the Outbox: an SMTP answer can name the recipient, and logs name no one.
			const code = (error as SmtpError).responseCode ?? (error as SmtpError).code ?? 'error';
			log(`Mail ${row.id} (${row.kind}) attempt ${row.attempts} failed${final ? ', giving up' : ', will retry'}: ${code}`);
			return false;
		}
		await db
			.update(outgoingMail)
			.set({ status: 'sent', sentAt: new Date(now()), leaseUntil: null, lastError: null })
			.where(eq(outgoingMail.id, row.id));
		return true;
	}

	async function deliverDue(): Promise<number> {
		let sent = 0;
		for (;;) {
			const candidates = await db
				.select({ id: outgoingMail.id })
				.from(outgoingMail)
				.where(due(new Date(now())))
				.orderBy(asc(outgoingMail.nextAttemptAt))
				.limit(20);
			if (candidates.length === 0) return sent;
			let claimedAny = false;
			for (const { id } of candidates) {
				const row = await claim(id);
				if (!row) continue;
				claimedAny = true;
				if (await deliverOne(row)) sent++;
			}
			// Everything seen was taken by another instance meanwhile: nothing left for this one.
			if (!claimedAny) return sent;
		}
	}

	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;
	let again = false;
	let stopped = true;

	function run(): void {
		if (running) {
			again = true;
			return;
		}
		again = false;
		running = deliverDue()
			.then(
				() => undefined,
				(error: unknown) => {
					// The database is away: the rows wait, and the next poll tries again.
					log(`Mail delivery could not read the outbox: ${error instanceof Error ? error.message : String(error)}`);
				}
			)
			.finally(() => {
				running = undefined;
				// A message queued while this pass was finishing: look once more, now.
				if (again && !stopped) run();
			});
	}

	return {
		deliverDue,
		wake: () => {
			if (!stopped) run();
		},
		start() {
			if (!stopped) return;
			stopped = false;
			timer = setInterval(run, options.pollMs ?? 5000);
			timer.unref();
			run();
		},
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
			options.transport.close?.();
		}
	};
}
