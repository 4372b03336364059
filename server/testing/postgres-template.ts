import { openPostgres } from '../db/postgres/open.ts';

/**
 * Brings the empty template database of a test run to the schema every test database starts from:
 * the app's own PostgreSQL migrations, as a server applies them at start-up. Runs once per run,
 * before any test; every database from testDatabaseUrl() is a copy of the result. It closes every
 * connection it opens (PostgreSQL copies no database that has sessions).
 */
export async function prepareTemplate(url: string): Promise<void> {
	const db = await openPostgres(url, 1);
	await db.$client.end();
}
