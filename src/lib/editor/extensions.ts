import { getSchema, type AnyExtension } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import type { Schema } from '@tiptap/pm/model';
import { Prompt } from './prompt-mark.ts';

/**
 * The extensions that define what a document can contain. The browser editor and the server's
 * template seeding both build their schema from this one list: a node the server writes that the
 * editor does not know would be dropped, and the two would then disagree about the document.
 *
 * Plain TypeScript with no Svelte or DOM imports, because server/ code imports it under Node.
 */
export function schemaExtensions(): AnyExtension[] {
	return [
		// Collaboration brings its own history per user; StarterKit's would undo other people's typing.
		StarterKit.configure({ undoRedo: false }),
		// Tick boxes for forms a provider fills in and for discharge reasons.
		TaskList,
		TaskItem.configure({ nested: true }),
		// The template's stand-in text, replaced by the trainer.
		Prompt
	];
}

let schema: Schema | undefined;

export function documentSchema(): Schema {
	schema ??= getSchema(schemaExtensions());
	return schema;
}

/** The Y.XmlFragment that Tiptap's Collaboration extension binds to. */
export const TEXT_FIELD = 'default';
