import { documentNameFor } from '$server/collab/document-name.ts';
import { documentKindLabels } from '$server/practice/documents.ts';
import { requireDocument } from '$lib/server/access.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { document, client, access } = requireDocument(event, event.params.documentId);
	return {
		document: { id: document.id, title: document.title, kind: documentKindLabels[document.kind] },
		client: { id: client.id, name: client.name },
		collabName: documentNameFor(document.id),
		canEdit: access === 'write'
	};
};
