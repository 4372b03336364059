import { getMarkRange, Mark, mergeAttributes } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';

/**
 * The template's prompts ("what the client can do now…"): shown in grey italics, for the trainer
 * to replace. Not inclusive, so text typed over or after a prompt is ordinary text and the
 * prompt's style never leaks into the trainer's own writing; a click selects the whole prompt, so
 * typing replaces it.
 */
export const Prompt = Mark.create({
	name: 'prompt',
	inclusive: false,

	parseHTML() {
		return [{ tag: 'span[data-prompt]' }];
	},

	renderHTML({ HTMLAttributes }) {
		return ['span', mergeAttributes(HTMLAttributes, { 'data-prompt': '', class: 'prompt' }), 0];
	},

	addProseMirrorPlugins() {
		const type = this.type;
		return [
			new Plugin({
				key: new PluginKey('promptSelect'),
				props: {
					handleClick(view, pos) {
						if (!view.editable) return false;
						const range = getMarkRange(view.state.doc.resolve(pos), type);
						if (!range) return false;
						const { from, to } = view.state.selection;
						if (from === range.from && to === range.to) return false;
						view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
						return true;
					}
				}
			})
		];
	}
});
