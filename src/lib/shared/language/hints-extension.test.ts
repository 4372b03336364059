import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { EditorState, Plugin } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { documentSchema } from '../editor/extensions.ts';
import { findHints, hintsStateField, languageHintsKey, RESCAN_NOW_BLOCKS, scanAll, type Hint } from './hints-extension.ts';
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

describe('hints kept up to date as the text changes', () => {
	const field = hintsStateField(matcher);
	const plugin = new Plugin({ key: languageHintsKey, state: field });
	const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
	/** `count` paragraphs, every tenth with a phrase the rules mark. */
	const longDoc = (count: number) =>
		schema.nodeFromJSON({
			type: 'doc',
			content: Array.from({ length: count }, (_, i) => paragraph(i % 10 === 0 ? `Session ${i}: we treat the knee.` : `Session ${i}: walked 1.2 km.`))
		});
	const stateOf = (doc: PMNode) => EditorState.create({ schema, doc, plugins: [plugin] });
	const hintsIn = (state: EditorState) => languageHintsKey.getState(state)!;
	const positions = (hints: Hint[]) => hints.map((hint) => [hint.rule.id, hint.from, hint.to, hint.text]);
	/** The state once the view's idle scan has run. */
	const scanned = (state: EditorState) => state.apply(state.tr.setMeta(languageHintsKey, scanAll(state.doc, matcher)));

	it('a long text is left for the idle scan, which finds every hint', () => {
		const state = stateOf(longDoc(RESCAN_NOW_BLOCKS * 3));
		expect(hintsIn(state)).toMatchObject({ stale: true, hints: [] });
		const after = scanned(state);
		expect(hintsIn(after).stale).toBe(false);
		expect(positions(hintsIn(after).hints)).toEqual(positions(findHints(after.doc, matcher)));
		expect(hintsIn(after).hints).toHaveLength(RESCAN_NOW_BLOCKS * 0.3);
	});

	it('typing rescans the paragraph typed in: the hints equal a full scan', () => {
		let state = scanned(stateOf(longDoc(RESCAN_NOW_BLOCKS * 3)));
		// Paragraph 151 gains a phrase; paragraph 10 (which had one) is deleted; text lands before the first hint.
		const at151 = state.doc.resolve(0).posAtIndex(151) + 1;
		state = state.apply(state.tr.insertText('We treat it. ', at151));
		const p10 = state.doc.resolve(0).posAtIndex(10);
		state = state.apply(state.tr.delete(p10, p10 + state.doc.child(10).nodeSize));
		state = state.apply(state.tr.insertText('Cardio ', 1));
		expect(hintsIn(state).stale).toBe(false);
		expect(positions(hintsIn(state).hints)).toEqual(positions(findHints(state.doc, matcher)));
		expect(hintsIn(state).hints.map((hint) => hint.rule.id)).toContain('cardio');
	});

	it('a collaborator’s edit, applied as a replacement of the whole text, rescans only what differs', () => {
		const state = scanned(stateOf(longDoc(RESCAN_NOW_BLOCKS * 3)));
		const changed = state.doc.replace(
			state.doc.resolve(0).posAtIndex(42),
			state.doc.resolve(0).posAtIndex(43),
			new Slice(Fragment.from(schema.nodeFromJSON(paragraph('No more toning.'))), 0, 0)
		);
		const next = state.apply(state.tr.replaceWith(0, state.doc.content.size, changed.content));
		expect(hintsIn(next).stale).toBe(false);
		expect(positions(hintsIn(next).hints)).toEqual(positions(findHints(next.doc, matcher)));
	});

	it('a long paste is left for the idle scan, keeping the hints around it', () => {
		const state = scanned(stateOf(longDoc(20)));
		const pasted = longDoc(RESCAN_NOW_BLOCKS + 10).content;
		const next = state.apply(state.tr.insert(state.doc.resolve(0).posAtIndex(10), pasted));
		expect(hintsIn(next).stale).toBe(true);
		expect(hintsIn(next).hints.map((hint) => hint.text)).toEqual(['treat', 'treat']);
		const after = scanned(next);
		expect(positions(hintsIn(after).hints)).toEqual(positions(findHints(after.doc, matcher)));
	});
});
