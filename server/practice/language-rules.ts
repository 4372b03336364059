import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { languageRules, type LanguageRuleRow } from '../db/schema.ts';
import type { HintCategory, LanguageRule } from '../../src/lib/shared/language/rules.ts';

export interface NewLanguageRule {
	phrases: string[];
	category: HintCategory;
	explanation?: string;
	suggestion: string;
}

/** "tone up, toning" → ["tone up", "toning"]: commas separate forms, spaces stay inside one. */
export function splitPhrases(text: string): string[] {
	const seen = new Set<string>();
	return text
		.split(',')
		.map((phrase) => phrase.trim().replace(/\s+/g, ' '))
		.filter((phrase) => {
			const key = phrase.toLowerCase();
			if (!phrase || seen.has(key)) return false;
			seen.add(key);
			return true;
		});
}

export function toLanguageRule(row: LanguageRuleRow): LanguageRule {
	return {
		id: `practice-${row.id}`,
		category: row.category,
		phrases: splitPhrases(row.phrases),
		explanation: row.explanation,
		suggestion: row.suggestion,
		origin: 'practice'
	};
}

export async function listLanguageRules(db: Db, trainerId: string): Promise<LanguageRuleRow[]> {
	return await db.select().from(languageRules).where(eq(languageRules.trainerId, trainerId)).orderBy(asc(languageRules.createdAt));
}

export async function addLanguageRule(db: Db, trainerId: string, input: NewLanguageRule): Promise<LanguageRuleRow> {
	const [row] = await db
		.insert(languageRules)
		.values({
			id: randomUUID(),
			trainerId,
			phrases: input.phrases.join(', '),
			category: input.category,
			explanation: input.explanation ?? '',
			suggestion: input.suggestion
		})
		.returning();
	return row!;
}

/** Deletes only the trainer's own row; false when there is no such row of theirs. */
export async function deleteLanguageRule(db: Db, trainerId: string, ruleId: string): Promise<boolean> {
	const deleted = await db
		.delete(languageRules)
		.where(and(eq(languageRules.id, ruleId), eq(languageRules.trainerId, trainerId)))
		.returning({ id: languageRules.id });
	return deleted.length > 0;
}
