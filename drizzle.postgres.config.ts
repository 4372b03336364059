import { defineConfig } from 'drizzle-kit';

// PostgreSQL's tables are generated from SQLite's (server/db/postgres/generate-schema.ts), and
// their migrations are generated from those: `npm run db:generate` runs all three steps.
export default defineConfig({
	dialect: 'postgresql',
	schema: './server/db/postgres/schema.generated.ts',
	out: './drizzle/postgres'
});
