import os from 'node:os';
import { ConfigError } from '../config-error.ts';

export interface MailConfig {
	/** smtp://user:password@host:587 or smtps://…:465; undefined: nothing is sent, the Outbox holds it all. */
	smtpUrl: string | undefined;
	/** The From of every message (MAIL_FROM), e.g. "Bridgework <no-reply@practice.example>". */
	from: string;
}

/** A From address that at least names this machine, for a server whose operator set none. */
function defaultFrom(): string {
	const host = os.hostname().includes('.') ? os.hostname() : 'localhost';
	return `Bridgework <no-reply@${host}>`;
}

export function parseMailConfig(env: NodeJS.ProcessEnv): MailConfig {
	const raw = env.SMTP_URL;
	const from = env.MAIL_FROM?.trim() || defaultFrom();
	if (!/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>\s*$/.test(from)) {
		throw new ConfigError(`MAIL_FROM must be an address such as no-reply@practice.example or "Bridgework <no-reply@practice.example>", not "${from}".`);
	}
	if (!raw) return { smtpUrl: undefined, from };
	let protocol: string;
	try {
		protocol = new URL(raw).protocol;
	} catch {
		throw new ConfigError('SMTP_URL must be a URL such as smtp://user:password@mail.example:587 or smtps://…:465 for TLS.');
	}
	// The URL may hold a password: the message names only what is wrong with it.
	if (protocol !== 'smtp:' && protocol !== 'smtps:') {
		throw new ConfigError(
			`SMTP_URL must start with smtp:// (or smtps:// for TLS from the start), such as smtp://mail.example:587; it starts with "${protocol}".`
		);
	}
	return { smtpUrl: raw, from };
}
