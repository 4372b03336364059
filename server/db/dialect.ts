/**
 * Which database this process runs on, decided once from DATABASE_URL: PostgreSQL for a URL that
 * says so, else the embedded SQLite file in DATA_DIR. It is read at import time rather than in
 * config.ts because the tables every module imports (schema.ts) are chosen by it; config.ts
 * validates the same variable and says what is wrong with it.
 */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(databaseUrl: string | undefined): Dialect {
	return databaseUrl && /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgres' : 'sqlite';
}

export const dialect: Dialect = dialectOf(process.env.DATABASE_URL);
