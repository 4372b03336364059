import { getSchema, mergeAttributes, type AnyExtension } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { Schema } from '@tiptap/pm/model';
import { Prompt } from './prompt-mark.ts';

/**
 * Where a document is rendered as HTML rather than edited (the provider's live report, slides), a
 * tick box cannot be changed and, unlike the editor's node view, has no label: say what it is for.
 */
const ReadOnlyTaskItem = TaskItem.extend({
	renderHTML({ node, HTMLAttributes }) {
		return [
			'li',
			mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { 'data-type': this.name }),
			[
				'label',
				[
					'input',
					{ type: 'checkbox', checked: node.attrs.checked ? 'checked' : null, disabled: 'disabled', 'aria-label': node.textContent || 'Empty checklist item' }
				],
				['span']
			],
			['div', 0]
		];
	}
});

/** A header cell says which cells it names, so a screen reader reads the column's name with each value. */
const ScopedTableHeader = TableHeader.extend({
	renderHTML({ HTMLAttributes }) {
		return ['th', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { scope: 'col' }), 0];
	}
});

/**
 * The document schema, shared by the editor, the server that seeds templates and renders reports
 * and PDFs, and the provider's live view: one list, so that what is typed is what is rendered and
 * what the server seeds is what the editor loads (a node the editor did not know would be dropped).
 * Plain TS with no browser or Svelte imports, because server/ imports it from plain Node too.
 */
export const documentExtensions: AnyExtension[] = [
	// Collaboration brings its own history per user; StarterKit's would undo other people's typing.
	StarterKit.configure({ undoRedo: false }),
	// Tick boxes for forms a provider fills in and for discharge reasons.
	TaskList,
	ReadOnlyTaskItem.configure({ nested: true }),
	// The templates' stand-in text, replaced by the trainer.
	Prompt,
	// Tables, for the practice's outcome summary placed in a service overview or a talk
	// (@tiptap/extension-table, the maintained one). Not resizable: widths are the renderer's.
	Table.configure({ resizable: false }),
	TableRow,
	ScopedTableHeader,
	TableCell
];

/** The Y.XmlFragment that holds a document's text (Tiptap's Collaboration default). */
export const DOCUMENT_FIELD = 'default';

let schema: Schema | undefined;

export function documentSchema(): Schema {
	schema ??= getSchema(documentExtensions);
	return schema;
}
