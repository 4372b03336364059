import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { clients, documents, users } from './core-schema.ts';

export const outcomePromptDecisions = ['dismissed', 'drafted'] as const;
export type OutcomePromptDecision = (typeof outcomePromptDecisions)[number];

/**
 * What the trainer did with a suggestion to share a client's improvement (issue 19.2): dismissed
 * it, or drafted the progress report it led to. One row per client and improvement key
 * (src/lib/shared/measures/improvements.ts), so a dismissed suggestion stays dismissed on every
 * device, and a new improvement (another measure, or a return into range) is asked about afresh.
 */
export const outcomePrompts = sqliteTable(
	'outcome_prompts',
	{
		id: text('id').primaryKey(),
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		clientId: text('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		improvementKey: text('improvement_key').notNull(),
		decision: text('decision', { enum: outcomePromptDecisions }).notNull(),
		/** The progress report drafted from it, when that is what the trainer did. */
		documentId: text('document_id').references(() => documents.id, { onDelete: 'set null' }),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`)
	},
	(t) => [uniqueIndex('outcome_prompts_client_key_idx').on(t.clientId, t.improvementKey), index('outcome_prompts_trainer_idx').on(t.trainerId)]
);

export type OutcomePromptRow = typeof outcomePrompts.$inferSelect;
