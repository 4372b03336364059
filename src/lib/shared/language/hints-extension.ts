import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { HintMatcher } from './matcher.ts';
import type { LanguageRule } from './rules.ts';

/**
 * Marks scope and jargon phrases while the trainer types. Decorations only: nothing here writes
 * to the document, so a hint can never change text, block typing, or reach other peers.
 */

export interface Hint {
	from: number;
	to: number;
	text: string;
	rule: LanguageRule;
}

export interface HintsReport {
	hints: Hint[];
	/** The hint the caret is in, if any, for a live announcement. */
	atCaret: Hint | undefined;
}

interface PluginState {
	hints: Hint[];
	decorations: DecorationSet;
}

export const languageHintsKey = new PluginKey<PluginState>('languageHints');

/** Each textblock's text with one character per position, so match offsets map straight back. */
export function findHints(doc: PMNode, matcher: HintMatcher): Hint[] {
	const hints: Hint[] = [];
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		// A hard break is one position and one character ('\n'), which also ends a clause.
		const text = node.textBetween(0, node.content.size, undefined, '\n');
		for (const match of matcher.find(text)) {
			hints.push({ from: pos + 1 + match.start, to: pos + 1 + match.end, text: match.text, rule: match.rule });
		}
		return false;
	});
	return hints;
}

function decorate(doc: PMNode, hints: Hint[]): DecorationSet {
	return DecorationSet.create(
		doc,
		hints.map((hint) =>
			Decoration.inline(hint.from, hint.to, {
				class: `language-hint language-hint--${hint.rule.category}`,
				'data-hint-rule': hint.rule.id,
				title: `${hint.rule.explanation} Try: ${hint.rule.suggestion}`
			})
		)
	);
}

function compute(state: Pick<EditorState, 'doc'>, matcher: HintMatcher): PluginState {
	const hints = findHints(state.doc, matcher);
	return { hints, decorations: decorate(state.doc, hints) };
}

function hintAt(hints: Hint[], position: number): Hint | undefined {
	return hints.find((hint) => hint.from <= position && position <= hint.to);
}

export interface LanguageHintsOptions {
	rules: LanguageRule[];
	onReport: (report: HintsReport) => void;
}

export const LanguageHints = Extension.create<LanguageHintsOptions>({
	name: 'languageHints',

	addOptions() {
		return { rules: [], onReport: () => {} };
	},

	addProseMirrorPlugins() {
		const matcher = new HintMatcher(this.options.rules);
		const onReport = this.options.onReport;
		return [
			new Plugin<PluginState>({
				key: languageHintsKey,
				state: {
					init: (_, state) => compute(state, matcher),
					apply: (tr, previous, _, state) => (tr.docChanged ? compute(state, matcher) : previous)
				},
				props: {
					decorations: (state) => languageHintsKey.getState(state)?.decorations
				},
				view: (view) => {
					let last: HintsReport | undefined;
					const report = (state: EditorState) => {
						const hints = languageHintsKey.getState(state)?.hints ?? [];
						const atCaret = state.selection.empty ? hintAt(hints, state.selection.from) : undefined;
						if (last && last.hints === hints && last.atCaret === atCaret) return;
						last = { hints, atCaret };
						onReport(last);
					};
					report(view.state);
					return { update: (updated) => report(updated.state) };
				}
			})
		];
	}
});
