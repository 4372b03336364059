import { error } from '@sveltejs/kit';
import { getSentVersion } from '$server/sharing/versions.ts';
import { practiceLine, requireShare } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { share, audit } = requireShare(event);
	const version = getSentVersion(services().db, share.document.id, event.params.versionId);
	if (!version) error(404, 'Link not valid');
	audit('version-view');
	return {
		practice: practiceLine(share.trainer),
		trainerName: share.trainer.name,
		clientName: share.client.name,
		title: version.title,
		sentAt: version.sentAt,
		sentByName: version.sentByName,
		note: version.note,
		html: version.html
	};
};
