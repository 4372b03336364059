import { describe, expect, it } from 'vitest';
import { HintMatcher } from './matcher.ts';
import { builtinRules, type LanguageRule } from './rules.ts';

const matcher = new HintMatcher(builtinRules);
const found = (text: string) => matcher.find(text).map((match) => match.text);
const rules = (text: string) => matcher.find(text).map((match) => match.rule.id);

describe('the language check', () => {
	it('marks claims of diagnosis and treatment', () => {
		expect(found('We treat knee pain and diagnose posture faults.')).toEqual(['treat', 'diagnose']);
		expect(rules('This will cure your back and heal the shoulder; I prescribe walking.')).toEqual(['cure', 'heal', 'prescribe']);
	});

	it('marks fitness jargon where a functional outcome belongs', () => {
		expect(rules('Toning and burning calories, 3 reps and sets of squats.')).toEqual(['toning', 'burn-calories', 'reps-and-sets']);
	});

	it('gives the position of each match so the editor can mark it', () => {
		const [match] = matcher.find('Goal: to tone up the arms');
		expect(match).toMatchObject({ start: 9, end: 16, text: 'tone up' });
	});

	it('matches whole words only', () => {
		expect(found('A weekend retreat with treats; the treaty; untreated.')).toEqual(['treats']);
		expect(found('Heal-toe walking? No: heel-toe walking, and a healthy diet.')).toEqual([]);
		expect(found('post-rehab conditioning')).toEqual([]);
	});

	it('ignores case and extra spaces inside a phrase', () => {
		expect(found('BURN   CALORIES and Reps And Sets')).toEqual(['BURN   CALORIES', 'Reps And Sets']);
	});

	it('reads either apostrophe', () => {
		expect(found('No pain, no gain — push through the pain')).toEqual(['No pain, no gain', 'push through the pain']);
		expect(found("my patient’s file and my patient's goals")).toEqual(['my patient', 'my patient']);
	});

	it('prefers the longer phrase at the same place', () => {
		expect(rules('fat burning')).toEqual(['burn-calories']);
		expect(found('pain relief')).toEqual(['pain relief']);
	});

	it('leaves a negated claim alone', () => {
		expect(found('The trainer does not diagnose or treat medical conditions.')).toEqual([]);
		expect(found('I do not diagnose, treat, or prescribe medication.')).toEqual([]);
		expect(found('We never promise to cure anything.')).toEqual([]);
		expect(found('I don’t diagnose. We treat the whole person.')).toEqual(['treat']);
	});

	it('limits a negation to its own clause', () => {
		expect(found('She did not come on Monday, but we treated the knee on Tuesday.')).toEqual(['treated']);
	});

	it('leaves alone what a provider did', () => {
		expect(found('Dr. Patel diagnosed osteoarthritis in 2021.')).toEqual([]);
		expect(found('Her physician’s treatment plan sets a limit of 140/90.')).toEqual([]);
		expect(found('After physical therapy treatment ended, she joined us.')).toEqual([]);
	});

	it('leaves alone history the client reports', () => {
		expect(found('She was diagnosed with type 2 diabetes and has been diagnosed with osteopenia.')).toEqual([]);
		expect(found('Medication prescribed for blood pressure: amlodipine.')).toEqual([]);
	});

	it('still marks the trainer’s own claim next to such wording', () => {
		expect(found('My diagnosis: weak glutes.')).toEqual(['diagnosis']);
	});

	it('finds nothing in plain functional language', () => {
		expect(found('Rises from a chair 12 times in 30 seconds, up from 8; walks 420 m in six minutes.')).toEqual([]);
	});

	it('lets a trainer’s own row add a phrase and replace a built-in suggestion', () => {
		const own: LanguageRule[] = [
			{ id: 'own-1', category: 'jargon', phrases: ['beach body'], explanation: 'Appearance goal.', suggestion: 'a functional goal', origin: 'practice' },
			{ id: 'own-2', category: 'scope', phrases: ['treat'], explanation: 'Mine.', suggestion: 'work on', origin: 'practice' }
		];
		const extended = new HintMatcher([...builtinRules, ...own]);
		expect(extended.find('A beach body while we treat the hip').map((m) => m.rule.id)).toEqual(['own-1', 'own-2']);
		expect(extended.find('treatment')[0]?.rule.id).toBe('treat');
	});

	it('works with no rules at all', () => {
		expect(new HintMatcher([]).find('we treat and diagnose')).toEqual([]);
	});

	it('treats regular-expression characters in a phrase as text', () => {
		const odd = new HintMatcher([{ id: 'x', category: 'jargon', phrases: ['(c) 100%+'], explanation: '', suggestion: '' }]);
		expect(odd.find('see (c) 100%+ here').map((m) => m.text)).toEqual(['(c) 100%+']);
		expect(odd.find('see c 1000 here')).toEqual([]);
	});
});
