// What tests/postgres.global-setup.ts hands to the tests of the postgres projects (nothing in the
// SQLite projects). Vitest passes it to every worker: see `provide` and `inject` in its docs.
declare module 'vitest' {
	export interface ProvidedContext {
		bridgeworkPostgres?: { adminUrl: string; template: string };
		bridgeworkRedis?: { url: string; databases: number };
	}
}

export {};
