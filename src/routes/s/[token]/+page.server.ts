import { documentNameFor } from '$lib/shared/collab/document-name.ts';
import { loadStoredDocument } from '$server/collab/stored-document.ts';
import { documentKindInfo } from '$lib/shared/practice/document-kinds.ts';
import { measuresOf } from '$server/practice/document-measures.ts';
import { documentHTML } from '$server/sharing/render.ts';
import { listSentVersions } from '$server/sharing/versions.ts';
import { practiceLine, requireShare } from '$lib/server/share-request.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { services } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { share, audit } = await requireShare(event);
	const { db } = services();
	const doc = await loadStoredDocument(db, share.document.id);
	const html = documentHTML(doc);
	const outcomes = documentKindInfo[share.document.kind].measures ? measuresOf(doc) : null;
	doc.destroy();
	await audit('view');
	return {
		practice: practiceLine(share.trainer),
		trainerName: share.trainer.name,
		clientName: share.client?.name ?? null,
		title: share.document.title,
		updatedAt: share.document.updatedAt,
		providerName: share.link.providerName,
		html,
		outcomes,
		dateOfBirth: share.client?.dateOfBirth ?? null,
		// The practice's way of writing dates: the provider reads the report as the practice wrote it.
		format: await practiceFormat(services().db, share.document.trainerId),
		versions: await listSentVersions(db, share.document.id),
		collabName: documentNameFor(share.document.id)
	};
};
