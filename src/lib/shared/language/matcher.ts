import type { LanguageRule } from './rules.ts';

/**
 * Finds the phrases of a rule table in a piece of text. Pure and synchronous: the editor plugin
 * calls it per paragraph on every change, and the unit tests call it directly.
 *
 * Whole words only ("treat" is not found in "retreat" or "treaty"), case-insensitive, any run of
 * spaces inside a phrase, either apostrophe. A phrase is not a claim when it is negated in its
 * clause ("does not diagnose or treat"), attributed to a provider ("Dr Patel diagnosed"), or
 * follows one of the rule's own exception words ("was diagnosed with").
 */

export interface Match {
	start: number;
	end: number;
	text: string;
	rule: LanguageRule;
}

const WORD_CHAR = '\\p{L}\\p{N}_';
const NEGATIONS = new Set(['not', 'never', 'cannot', 'without', 'nor', 'neither', 'no-one']);
const NEGATION_WINDOW = 5;
const PROVIDER_WORDS = new Set([
	'physician',
	'physicians',
	'doctor',
	'doctors',
	'dr',
	'gp',
	'therapist',
	'therapists',
	'therapy',
	'pt',
	'chiropractor',
	'chiropractors',
	'provider',
	'providers',
	'surgeon',
	'surgeons',
	'nurse',
	'clinician',
	'clinicians',
	'medical',
	'cardiologist',
	'physiotherapist',
	'specialist'
]);
const PROVIDER_WINDOW = 3;
// A full stop after a title or an abbreviation does not end the clause ("Dr. Patel diagnosed").
const CLAUSE_END = /(?<!\b(?:dr|mr|mrs|ms|prof|e\.g|i\.e|vs|approx))[.!?;:]|\n|\bbut\b/giu;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function normalisePhrase(phrase: string): string {
	return phrase.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(phrase: string): string {
	return normalisePhrase(phrase)
		.split(' ')
		.map((word) => escapeRegExp(word).replace(/'/g, "['’]"))
		.join('[\\s\\u00a0]+');
}

/** Lower-cased words, with possessives reduced ("physician’s" → "physician"). */
function wordsOf(text: string): string[] {
	return [...text.matchAll(WORD)].map((match) => match[0].toLowerCase().replace(/['’]s$/, ''));
}

function clauseBefore(text: string, index: number): string {
	let start = 0;
	for (const match of text.slice(0, index).matchAll(CLAUSE_END)) start = match.index + match[0].length;
	return text.slice(start, index);
}

function isNegated(words: string[]): boolean {
	return words.slice(-NEGATION_WINDOW).some((word) => NEGATIONS.has(word) || /n['’]t$/.test(word));
}

export class HintMatcher {
	readonly #pattern: RegExp | undefined;
	readonly #byPhrase = new Map<string, LanguageRule>();

	/** Later rules win a shared phrase, so a trainer's own row can replace a built-in one. */
	constructor(rules: LanguageRule[]) {
		for (const rule of rules) {
			for (const phrase of rule.phrases) {
				const key = normalisePhrase(phrase);
				if (key) this.#byPhrase.set(key, rule);
			}
		}
		// Longest first, so "burn calories" wins over a rule for "burn" at the same place.
		const alternatives = [...this.#byPhrase.keys()].sort((a, b) => b.length - a.length).map(phrasePattern);
		this.#pattern = alternatives.length > 0 ? new RegExp(`(?<![${WORD_CHAR}'’-])(?:${alternatives.join('|')})(?![${WORD_CHAR}-])`, 'giu') : undefined;
	}

	find(text: string): Match[] {
		if (!this.#pattern) return [];
		const matches: Match[] = [];
		for (const found of text.matchAll(this.#pattern)) {
			const rule = this.#byPhrase.get(normalisePhrase(found[0]));
			if (!rule) continue;
			const before = wordsOf(clauseBefore(text, found.index));
			if (isNegated(before)) continue;
			const previous = before.at(-1);
			if (previous && rule.exceptAfter?.includes(previous)) continue;
			if (rule.category === 'scope' && before.slice(-PROVIDER_WINDOW).some((word) => PROVIDER_WORDS.has(word))) continue;
			matches.push({ start: found.index, end: found.index + found[0].length, text: found[0], rule });
		}
		return matches;
	}
}
