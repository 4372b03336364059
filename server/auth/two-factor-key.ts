import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Dialect } from '../db/dialect.ts';

export const TWO_FACTOR_KEY_FILE = 'two-factor.key';

export type TwoFactorKey = { key: Uint8Array } | { unavailable: string };

/**
 * The key that seals authenticator keys at rest. TWO_FACTOR_KEY when the operator set one (every
 * instance of a cluster needs the same); otherwise, on SQLite, a key file created once beside the
 * database with owner-only permissions, so that `npm start` needs no setup and a copy of the
 * database file alone still opens no authenticator. PostgreSQL runs several instances whose data
 * folders differ: there a key of their own would make codes fail on the other instances.
 */
export function resolveTwoFactorKey(configured: Uint8Array | undefined, dialect: Dialect, dataDir: string): TwoFactorKey {
	if (configured) return { key: configured };
	if (dialect === 'postgres') {
		return { unavailable: 'Two-factor sign-in needs TWO_FACTOR_KEY set, the same on every instance (for example `openssl rand -hex 32`).' };
	}
	const file = path.join(dataDir, TWO_FACTOR_KEY_FILE);
	try {
		fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	const text = fs.readFileSync(file, 'utf8').trim();
	if (!/^[0-9a-f]{64}$/i.test(text)) {
		return { unavailable: `${file} does not hold a key (64 hex digits): restore it from a backup, or set TWO_FACTOR_KEY.` };
	}
	return { key: new Uint8Array(Buffer.from(text, 'hex')) };
}
