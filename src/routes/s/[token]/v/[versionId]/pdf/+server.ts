import { error } from '@sveltejs/kit';
import { documentKindInfo } from '$server/practice/document-kinds.ts';
import { measuresOf } from '$server/practice/document-measures.ts';
import { reportPdf } from '$server/sharing/pdf.ts';
import { summaryTable } from '$lib/measures/summary-table.ts';
import { documentJSON } from '$server/sharing/render.ts';
import { getSentVersion, sentVersionDoc } from '$server/sharing/versions.ts';
import { paperFrom, pdfResponse, practiceLine, requireShare } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { share, audit } = await requireShare({ ...event, setHeaders: () => {} });
	const version = getSentVersion(services().db, share.document.id, event.params.versionId);
	if (!version) error(404, 'Link not valid');
	const doc = sentVersionDoc(version);
	const json = documentJSON(doc);
	const measures = documentKindInfo[share.document.kind].measures ? measuresOf(doc) : null;
	doc.destroy();
	const outcomes = measures
		? summaryTable(measures.measurements, measures.customs, { dateOfBirth: share.client?.dateOfBirth ?? null, sex: measures.sex })
		: undefined;
	const sentOn = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(version.sentAt);
	const pdf = await reportPdf(
		json,
		{ practice: practiceLine(share.trainer), trainerName: share.trainer.name, clientName: share.client?.name ?? null, title: version.title, dateLine: `Sent ${sentOn} by ${version.sentByName}` },
		paperFrom(event.url),
		outcomes
	);
	audit('pdf');
	return pdfResponse(pdf, [`${version.title}`, share.client?.name, `sent ${sentOn}`].filter(Boolean).join(' - '));
};
