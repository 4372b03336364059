import { error } from '@sveltejs/kit';
import { reportPdf } from '$server/sharing/pdf.ts';
import { documentJSON } from '$server/sharing/render.ts';
import { getSentVersion, sentVersionDoc } from '$server/sharing/versions.ts';
import { paperFrom, pdfResponse, practiceLine, requireShare } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { share, audit } = requireShare({ ...event, setHeaders: () => {} });
	const version = getSentVersion(services().db, share.document.id, event.params.versionId);
	if (!version) error(404, 'Link not valid');
	const doc = sentVersionDoc(version);
	const json = documentJSON(doc);
	doc.destroy();
	const sentOn = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(version.sentAt);
	const pdf = await reportPdf(
		json,
		{ practice: practiceLine(share.trainer), trainerName: share.trainer.name, clientName: share.client.name, title: version.title, dateLine: `Sent ${sentOn} by ${version.sentByName}` },
		paperFrom(event.url)
	);
	audit('pdf');
	return pdfResponse(pdf, `${version.title} - ${share.client.name} - sent ${sentOn}`);
};
