/**
 * Brings the empty template database of a test run to the schema every test database starts from.
 * Runs once per run, before any test; every database from testDatabaseUrl() is a copy of the
 * result. The data layer plugs its PostgreSQL migrations in here; it must close every connection
 * it opens (PostgreSQL copies no database that has sessions).
 */
export async function prepareTemplate(_url: string): Promise<void> {}
