import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { DOCUMENT_FIELD, documentSchema } from '../../src/lib/shared/editor/extensions.ts';
import { unfilledPrompts, type UnfilledPrompt } from '../../src/lib/shared/editor/prompts.ts';
import { loadStoredDocument } from '../collab/stored-document.ts';
import type { Db } from '../db/client.ts';
import type { Document } from '../db/schema.ts';
import { listClientsOfTrainer } from '../practice/clients.ts';

/** What the trainer must see before a document goes to a provider. */
export interface PreShareReview {
	/** Template prompts nobody replaced yet. */
	prompts: Pick<UnfilledPrompt, 'index' | 'text'>[];
	/** For a practice document, the trainer's clients its text names: it is shared with no one's consent. */
	namedClients: string[];
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The clients a text names: by full name, or by surname after a title ("Mrs Whitfield"). Whole
 * words only, so "Ann" does not match "Annual".
 */
export function clientsNamed(text: string, names: readonly string[]): string[] {
	const haystack = normalise(text);
	return names.filter((name) => {
		const full = normalise(name);
		if (full.length < 3) return false;
		const surname = full.split(' ').at(-1) ?? '';
		const patterns = [escape(full)];
		if (surname.length >= 3 && surname !== full) patterns.push(`(?:mr|mrs|ms|mx|miss|dr)\\.? ${escape(surname)}`);
		return new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})(?![\\p{L}\\p{N}])`, 'u').test(haystack);
	});
}

export async function preShareReview(db: Db, document: Document): Promise<PreShareReview> {
	const names = document.clientId ? [] : (await listClientsOfTrainer(db, document.trainerId)).map((c) => c.name);
	const doc = await loadStoredDocument(db, document.id);
	try {
		const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), documentSchema());
		const text = root.textBetween(0, root.content.size, '\n', '\n');
		return {
			prompts: unfilledPrompts(root).map(({ index, text }) => ({ index, text })),
			namedClients: document.clientId ? [] : clientsNamed(`${document.title}\n${text}`, names)
		};
	} finally {
		doc.destroy();
	}
}

/**
 * The confirmations a share form must carry for this review: the server refuses without them, so
 * a stale page or a form sent by hand cannot skip the warning. Null when nothing is missing.
 */
export function missingConfirmation(review: PreShareReview, form: { confirmPrompts?: boolean; confirmNamesClient?: boolean }): string | null {
	if (review.namedClients.length > 0 && !form.confirmNamesClient) {
		return `This practice document names ${review.namedClients.join(', ')}. It is shared without anyone’s consent: remove the name, or confirm that it may go.`;
	}
	if (review.prompts.length > 0 && !form.confirmPrompts) {
		const count = review.prompts.length === 1 ? 'One template prompt is' : `${review.prompts.length} template prompts are`;
		return `${count} still unfilled. Fill them in, or confirm that the report may go as it is.`;
	}
	return null;
}
