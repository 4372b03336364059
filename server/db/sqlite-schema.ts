// Every table, as SQLite declares it: the one definition of the schema. drizzle-kit reads this
// file for SQLite's migrations, and server/db/postgres/generate-schema.ts derives PostgreSQL's
// tables from it (see server/db/schema.ts for which one the app uses).
export * from './core-schema.ts';
export * from './consent-schema.ts';
export * from './sharing-schema.ts';
export * from './referrals-schema.ts';
export * from './language-schema.ts';
export * from './access-schema.ts';
export * from './practice-settings-schema.ts';
export * from './mail-schema.ts';
export * from './two-factor-schema.ts';
export * from './outcome-prompts-schema.ts';
export * from './events-schema.ts';
