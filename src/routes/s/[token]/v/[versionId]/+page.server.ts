import { error } from '@sveltejs/kit';
import { documentKindInfo } from '$lib/shared/practice/document-kinds.ts';
import { measuresOf } from '$server/practice/document-measures.ts';
import { getSentVersion, sentVersionDoc } from '$server/sharing/versions.ts';
import { practiceLine, requireShare } from '$lib/server/share-request.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { services } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { share, audit } = await requireShare(event);
	const version = await getSentVersion(services().db, share.document.id, event.params.versionId);
	if (!version) error(404, 'Link not valid');
	await audit('version-view');
	// The measures as they were when the report was sent, from the state frozen with it.
	let outcomes = null;
	if (documentKindInfo[share.document.kind].measures) {
		const doc = sentVersionDoc(version);
		outcomes = measuresOf(doc);
		doc.destroy();
	}
	return {
		practice: practiceLine(share.trainer),
		trainerName: share.trainer.name,
		clientName: share.client?.name ?? null,
		title: version.title,
		sentAt: version.sentAt,
		sentByName: version.sentByName,
		note: version.note,
		html: version.html,
		outcomes,
		dateOfBirth: share.client?.dateOfBirth ?? null,
		// The practice's way of writing dates: the provider reads the report as the practice wrote it.
		format: await practiceFormat(services().db, share.document.trainerId)
	};
};

// Server-rendered only, like the live report (../../+page.server.ts): the share page's one script
// adds the charts and Print after the first paint.
export const csr = false;
