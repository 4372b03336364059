import { inject } from 'vitest';
import '../server/testing/provided-context.ts';

// Runs in every test worker before a test file is imported. The data layer picks its dialect from
// DATABASE_URL when it is first imported, so the variable must be settled by then: in the postgres
// projects it names the run's server (its `postgres` database, which tests share: a test takes a
// database of its own with testDatabaseUrl()); in the SQLite projects it is removed, as is a
// REDIS_URL everywhere (a test takes a Redis of its own with testRedisUrl()), so that variables of
// the shell that started the tests never point them at a real database.
const postgres = inject('bridgeworkPostgres');
if (postgres) {
	process.env.DATABASE_URL = postgres.adminUrl;
	process.env.BRIDGEWORK_TEST_TEMPLATE = postgres.template;
} else {
	delete process.env.DATABASE_URL;
	delete process.env.BRIDGEWORK_TEST_TEMPLATE;
}
delete process.env.REDIS_URL;
