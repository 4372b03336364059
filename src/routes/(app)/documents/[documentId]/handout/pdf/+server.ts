import { error } from '@sveltejs/kit';
import { documentKindInfo } from '$lib/shared/practice/document-kinds.ts';
import { documentHandout } from '$server/sharing/handout.ts';
import { requireDocument } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

const file = (title: string, speaker: boolean) => `${`${title.replace(/[^\w .&-]+/g, '').trim() || 'talk'}${speaker ? ' - speaker notes' : ' - handout'}`}.pdf`;

/**
 * The talk's leave-behind, `?notes=speaker` for the trainer's own copy with the speaker notes;
 * `?paper=a4` or Letter. Only a kind that is presented has one, and those are the practice's own
 * documents, about no client: nothing about a client is in a handout that leaves with the room.
 */
export const GET: RequestHandler = async (event) => {
	const { document, client } = await requireDocument(event, event.params.documentId);
	if (!documentKindInfo[document.kind].slides || client !== null) error(404, 'Document not found');
	const speaker = event.url.searchParams.get('notes') === 'speaker';
	const paper = event.url.searchParams.get('paper') === 'a4' ? 'A4' : 'LETTER';
	const pdf = await documentHandout(services().db, document, paper, speaker ? 'speaker' : 'space');
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${file(document.title, speaker)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
