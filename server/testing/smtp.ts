import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** What arrived, as a real mail client would read it, and the envelope it came in. */
export interface Received {
	mail: ParsedMail;
	envelopeTo: string[];
}

export interface TestSmtpServer {
	url: string;
	received: Received[];
	/** Resolves with the first message (arrived or arriving) that matches; fails after `timeoutMs`. */
	waitFor(match: (received: Received) => boolean, timeoutMs?: number): Promise<Received>;
	/** From now on, refuse recipients with this SMTP code (e.g. 451 to test retries, 550 for a final no); null to accept again. */
	refuseWith(code: number | null): void;
	close(): Promise<void>;
}

/** A real SMTP server (smtp-server, nodemailer's project) on a free port of 127.0.0.1, plain text, any login. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
	const received: Received[] = [];
	const waiters: Array<{ match: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
	let refusal: number | null = null;
	const options: SMTPServerOptions = {
		disabledCommands: ['STARTTLS'],
		authOptional: true,
		allowInsecureAuth: true,
		onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
		onRcptTo: (_address, _session, callback) => {
			if (refusal === null) return callback();
			const error = Object.assign(new Error(refusal >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: refusal });
			callback(error);
		},
		onData: (stream, session, callback) => {
			simpleParser(stream)
				.then((mail) => {
					const item = { mail, envelopeTo: session.envelope.rcptTo.map((to) => to.address) };
					received.push(item);
					for (const waiter of [...waiters]) {
						if (waiter.match(item)) {
							waiters.splice(waiters.indexOf(waiter), 1);
							waiter.resolve(item);
						}
					}
					callback();
				})
				.catch(callback);
		}
	};
	const server = new SMTPServer(options);
	const port = await new Promise<number>((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.server.address();
			if (address && typeof address === 'object') resolve(address.port);
			else reject(new Error('the SMTP server has no port'));
		});
	});
	return {
		url: `smtp://test:secret@127.0.0.1:${port}`,
		received,
		waitFor(match, timeoutMs = 15_000) {
			const already = received.find(match);
			if (already) return Promise.resolve(already);
			return new Promise((resolve, reject) => {
				const waiter = { match, resolve };
				waiters.push(waiter);
				setTimeout(() => {
					if (!waiters.includes(waiter)) return;
					waiters.splice(waiters.indexOf(waiter), 1);
					reject(
						new Error(
							`no matching message arrived in ${timeoutMs} ms; arrived: ${received.map((r) => `${r.envelopeTo.join(',')}: ${r.mail.subject}`).join('; ') || 'none'}`
						)
					);
				}, timeoutMs).unref();
			});
		},
		refuseWith: (code) => (refusal = code),
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
