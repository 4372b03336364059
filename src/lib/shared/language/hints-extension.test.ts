import { describe, expect, it } from 'vitest';
import { documentSchema } from '../editor/extensions.ts';
import { findHints } from './hints-extension.ts';
import { HintMatcher } from './matcher.ts';
import { builtinRules } from './rules.ts';

const schema = documentSchema();
const matcher = new HintMatcher(builtinRules);

describe('finding hints in a document', () => {
	it('maps each match to its document positions, across marks and line breaks', () => {
		const doc = schema.nodeFromJSON({
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Plan' }] },
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'We tre' },
						{ type: 'text', text: 'at', marks: [{ type: 'bold' }] },
						{ type: 'text', text: ' knees.' },
						{ type: 'hardBreak' },
						{ type: 'text', text: 'No toning.' }
					]
				},
				{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'cardio' }] }] }] }
			]
		});
		const hints = findHints(doc, matcher);
		expect(hints.map((hint) => [hint.rule.id, doc.textBetween(hint.from, hint.to)])).toEqual([
			['treat', 'treat'],
			['toning', 'toning'],
			['cardio', 'cardio']
		]);
	});

	it('does not join two paragraphs into one phrase', () => {
		const doc = schema.nodeFromJSON({
			type: 'doc',
			content: [
				{ type: 'paragraph', content: [{ type: 'text', text: 'We will burn' }] },
				{ type: 'paragraph', content: [{ type: 'text', text: 'calories later' }] }
			]
		});
		expect(findHints(doc, matcher)).toEqual([]);
	});
});
