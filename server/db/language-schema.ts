import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core-schema.ts';

/**
 * A trainer's own rows for the language check, added to the shipped table in
 * src/lib/shared/language/rules.ts. Per trainer rather than per document: the same wording habits
 * follow the trainer into every document they write.
 */
export const languageRules = sqliteTable(
	'language_rules',
	{
		id: text('id').primaryKey(),
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The word forms that trigger the hint, as typed, separated by commas. */
		phrases: text('phrases').notNull(),
		category: text('category', { enum: ['scope', 'jargon'] }).notNull(),
		explanation: text('explanation').notNull().default(''),
		suggestion: text('suggestion').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`)
	},
	(t) => [index('language_rules_trainer_idx').on(t.trainerId)]
);

export type LanguageRuleRow = typeof languageRules.$inferSelect;
