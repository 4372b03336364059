import { documentNameFor } from '$lib/shared/collab/document-name.ts';
import { requireDocument } from '$lib/server/access.ts';
import type { PageServerLoad } from './$types';

// The page resets to the root layout (+page@.svelte): the workspace's header and navigation would
// be on the projector. So the person it needs for the collaboration session comes from here.
export const load: PageServerLoad = async (event) => {
	const { document } = await requireDocument(event, event.params.documentId);
	const user = event.locals.user;
	return {
		document: { id: document.id, title: document.title },
		collabName: documentNameFor(document.id),
		user: user ? { id: user.id, name: user.name } : null
	};
};
