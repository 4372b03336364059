import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dialect } from '../db/client.ts';

/**
 * In the PostgreSQL test projects DATABASE_URL names the run's server (started by the global
 * setup); each caller gets a database of its own on it, so test files never see each other's
 * rows. On SQLite: undefined, and the caller uses a file in its own folder.
 */
export async function testDatabaseUrl(): Promise<string | undefined> {
	if (dialect !== 'postgres') return undefined;
	const server = process.env.DATABASE_URL;
	if (!server) throw new Error('the PostgreSQL test projects set DATABASE_URL');
	const name = `bw_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: server });
	await admin.connect();
	try {
		const template = process.env.BRIDGEWORK_TEST_TEMPLATE;
		await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
	} finally {
		await admin.end();
	}
	const url = new URL(server);
	url.pathname = `/${name}`;
	return url.toString();
}
