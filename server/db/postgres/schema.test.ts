import fs from 'node:fs';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { dialect } from '../dialect.ts';
import * as schema from '../schema.ts';
import * as sqlite from '../sqlite-schema.ts';
import { GENERATED_FILE, generateSchema } from './generate-schema.ts';

describe('the PostgreSQL schema', () => {
	it('is generated from the SQLite schema as it stands (run `npm run db:generate` after changing it)', () => {
		expect(fs.readFileSync(GENERATED_FILE, 'utf8')).toBe(generateSchema());
	});

	it('gives the app every table, for the database this process runs on', () => {
		const tables = Object.entries(sqlite).filter(([, value]) => is(value, SQLiteTable));
		expect(tables.length).toBeGreaterThan(10);
		for (const [key] of tables) {
			const chosen = (schema as Record<string, unknown>)[key];
			expect(is(chosen, dialect === 'postgres' ? PgTable : SQLiteTable), key).toBe(true);
		}
	});
});
