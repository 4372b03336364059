import { documentNameFor } from '$lib/shared/collab/document-name.ts';
import { requireDocument } from '$lib/server/access.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { document } = await requireDocument(event, event.params.documentId);
	return { document: { id: document.id, title: document.title }, collabName: documentNameFor(document.id) };
};
