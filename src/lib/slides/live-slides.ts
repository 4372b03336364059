import type * as Y from 'yjs';
import { documentJSONOf } from '$lib/shared/editor/document-content.ts';
import { DOCUMENT_FIELD } from '$lib/shared/editor/extensions.ts';
import { splitIntoSlides, type Slide } from '$lib/shared/slides/split.ts';

/**
 * The slides of a live document, read again on every change to it: an edit made in the editor
 * shows in the presenter's and the audience's windows at once. Only what the schema holds is
 * read (documentJSONOf), so nothing a co-editor sends can break the presentation.
 */
export function watchSlides(doc: Y.Doc, onSlides: (slides: Slide[]) => void): () => void {
	const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
	const read = () => onSlides(splitIntoSlides(documentJSONOf(doc)));
	read();
	fragment.observeDeep(read);
	return () => fragment.unobserveDeep(read);
}

/** The slide number a window opens at, from its address (#3): reloading keeps the place. */
export function slideFromHash(hash: string): number {
	const number = Number(hash.slice(1));
	return Number.isInteger(number) && number > 0 ? number - 1 : 0;
}
