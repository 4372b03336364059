import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { languageRules, type LanguageRuleRow } from '../db/schema.ts';
import type { HintCategory, LanguageRule } from '../../src/lib/language/rules.ts';

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

export function listLanguageRules(db: Db, trainerId: string): LanguageRuleRow[] {
	return db.select().from(languageRules).where(eq(languageRules.trainerId, trainerId)).orderBy(asc(languageRules.createdAt)).all();
}

export function addLanguageRule(db: Db, trainerId: string, input: NewLanguageRule): LanguageRuleRow {
	return db
		.insert(languageRules)
		.values({
			id: randomUUID(),
			trainerId,
			phrases: input.phrases.join(', '),
			category: input.category,
			explanation: input.explanation ?? '',
			suggestion: input.suggestion
		})
		.returning()
		.get();
}

/** Deletes only the trainer's own row; false when there is no such row of theirs. */
export function deleteLanguageRule(db: Db, trainerId: string, ruleId: string): boolean {
	const result = db.delete(languageRules).where(and(eq(languageRules.id, ruleId), eq(languageRules.trainerId, trainerId))).run();
	return result.changes > 0;
}
