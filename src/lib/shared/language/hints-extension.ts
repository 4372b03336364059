import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Mapping, StepMap } from '@tiptap/pm/transform';
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

/** The hints in one textblock at `pos`: its text with one character per position, so match offsets map straight back. */
function hintsIn(node: PMNode, pos: number, matcher: HintMatcher): Hint[] {
	// A hard break is one position and one character ('\n'), which also ends a clause.
	const text = node.textBetween(0, node.content.size, undefined, '\n');
	return matcher.find(text).map((match) => ({ from: pos + 1 + match.start, to: pos + 1 + match.end, text: match.text, rule: match.rule }));
}

export function findHints(doc: PMNode, matcher: HintMatcher): Hint[] {
	const hints: Hint[] = [];
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		hints.push(...hintsIn(node, pos, matcher));
		return false;
	});
	return hints;
}

/**
 * More textblocks changed at once than this (the whole text arriving from this device's copy or
 * the server, a long paste) and they are looked at when the browser is idle, not in the
 * transaction: the text shows and takes keystrokes first.
 */
export const RESCAN_NOW_BLOCKS = 100;

interface PluginState {
	hints: Hint[];
	decorations: DecorationSet;
	/** Changed beyond RESCAN_NOW_BLOCKS since the last full scan: the view schedules one (the hints shown until then are mapped, and may miss some). */
	stale: boolean;
}

export const languageHintsKey = new PluginKey<PluginState>('languageHints');

function decoration(hint: Hint): Decoration {
	return Decoration.inline(
		hint.from,
		hint.to,
		{
			class: `language-hint language-hint--${hint.rule.category}`,
			'data-hint-rule': hint.rule.id,
			title: `${hint.rule.explanation} Try: ${hint.rule.suggestion}`
		},
		{ text: hint.text, rule: hint.rule }
	);
}

/** The hints as the decorations hold them now, in document order. */
function hintsOf(decorations: DecorationSet): Hint[] {
	return decorations
		.find()
		.map((found) => ({ from: found.from, to: found.to, text: (found.spec as Pick<Hint, 'text'>).text, rule: (found.spec as Pick<Hint, 'rule'>).rule }))
		.sort((a, b) => a.from - b.from);
}

/** Every textblock of the document scanned: what the view dispatches when the state is stale. */
export function scanAll(doc: PMNode, matcher: HintMatcher): PluginState {
	const hints = findHints(doc, matcher);
	return { hints, decorations: DecorationSet.create(doc, hints.map(decoration)), stale: false };
}

/**
 * The new state after the document changed from `before` to `after`: only the textblocks in the
 * changed range are scanned again, found by comparing the two documents (so a collaborator's
 * change, which y-prosemirror applies as a replacement of the whole text, reads as the paragraph
 * it touched); the other hints keep their decorations, moved by the change.
 */
function rescanChanged(previous: PluginState, before: PMNode, after: PMNode, matcher: HintMatcher): PluginState {
	const start = before.content.findDiffStart(after.content);
	if (start === null) return previous;
	const end = after.content.findDiffEnd(before.content);
	let endBefore = end?.b ?? before.content.size;
	let endAfter = end?.a ?? after.content.size;
	// Repeated content can make the two ends overlap the start ("aa" → "aaa"): keep them after it.
	const overlap = start - Math.min(endBefore, endAfter);
	if (overlap > 0) {
		endBefore += overlap;
		endAfter += overlap;
	}
	const moved = previous.decorations.map(new Mapping([new StepMap([start, endBefore - start, endAfter - start])]), after);
	const from = Math.max(0, start - 1);
	const to = Math.min(after.content.size, endAfter + 1);
	const blocks: Array<{ node: PMNode; pos: number }> = [];
	after.nodesBetween(from, to, (node, pos) => {
		if (!node.isTextblock) return true;
		blocks.push({ node, pos });
		return false;
	});
	if (blocks.length > RESCAN_NOW_BLOCKS) return { hints: hintsOf(moved), decorations: moved, stale: true };
	let decorations = moved;
	for (const { node, pos } of blocks) {
		decorations = decorations.remove(decorations.find(pos, pos + node.nodeSize)).add(after, hintsIn(node, pos, matcher).map(decoration));
	}
	return { hints: hintsOf(decorations), decorations, stale: previous.stale };
}

/** The plugin's state for a new editor: scanned now if short, else left for the view to scan when idle. */
function initial(doc: PMNode, matcher: HintMatcher): PluginState {
	let blocks = 0;
	doc.descendants((node) => {
		if (node.isTextblock) blocks++;
		return !node.isTextblock && blocks <= RESCAN_NOW_BLOCKS;
	});
	return blocks > RESCAN_NOW_BLOCKS ? { hints: [], decorations: DecorationSet.empty, stale: true } : scanAll(doc, matcher);
}

/** The plugin's state transitions, apart from the view (unit-tested on EditorState alone). */
export function hintsStateField(matcher: HintMatcher) {
	return {
		init: (_: unknown, state: EditorState) => initial(state.doc, matcher),
		apply: (tr: Transaction, previous: PluginState, before: EditorState, after: EditorState): PluginState => {
			const scanned = tr.getMeta(languageHintsKey) as PluginState | undefined;
			if (scanned) return scanned;
			return tr.docChanged ? rescanChanged(previous, before.doc, after.doc, matcher) : previous;
		}
	};
}

function hintAt(hints: Hint[], position: number): Hint | undefined {
	return hints.find((hint) => hint.from <= position && position <= hint.to);
}

/** Runs `task` when the browser is idle, within a second at the latest; returns how to cancel it. */
function whenIdle(task: () => void): () => void {
	if (typeof requestIdleCallback === 'function') {
		const handle = requestIdleCallback(task, { timeout: 1_000 });
		return () => cancelIdleCallback(handle);
	}
	const timer = setTimeout(task, 50);
	return () => clearTimeout(timer);
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
				state: hintsStateField(matcher),
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
					let cancel: (() => void) | undefined;
					// A stale state is scanned whole once the browser is idle, from the state of that moment.
					const scanWhenIdle = (state: EditorState) => {
						if (cancel || !languageHintsKey.getState(state)?.stale) return;
						cancel = whenIdle(() => {
							cancel = undefined;
							view.dispatch(view.state.tr.setMeta(languageHintsKey, scanAll(view.state.doc, matcher)).setMeta('addToHistory', false));
						});
					};
					report(view.state);
					scanWhenIdle(view.state);
					return {
						update: (updated) => {
							report(updated.state);
							scanWhenIdle(updated.state);
						},
						destroy: () => cancel?.()
					};
				}
			})
		];
	}
});
