import path from 'node:path';

export interface Config {
	port: number;
	host: string;
	/** Folder that holds the SQLite database; created on start-up. */
	dataDir: string;
	/** Public origin (https://…) when behind a proxy; decides the Secure cookie flag too. */
	origin: string | undefined;
	production: boolean;
}

export class ConfigError extends Error {}

function parsePort(raw: string | undefined): number {
	if (raw === undefined || raw === '') return 3000;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
	}
	return port;
}

function parseOrigin(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	try {
		const url = new URL(raw);
		return url.origin;
	} catch {
		throw new ConfigError(`ORIGIN must be a URL such as https://bridgework.example, not "${raw}".`);
	}
}

/** Reads the environment once, at start-up, and fails with a message a person can act on. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		port: parsePort(env.PORT),
		host: env.HOST || '127.0.0.1',
		dataDir: path.resolve(env.DATA_DIR || 'data'),
		origin: parseOrigin(env.ORIGIN),
		production: env.NODE_ENV === 'production'
	};
}
