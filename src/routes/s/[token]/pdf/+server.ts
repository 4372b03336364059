import { loadStoredDocument } from '$server/collab/stored-document.ts';
import { documentKindInfo } from '$server/practice/document-kinds.ts';
import { measuresOf } from '$server/practice/document-measures.ts';
import { reportPdf } from '$server/sharing/pdf.ts';
import { summaryTable } from '$lib/measures/summary-table.ts';
import { documentJSON } from '$server/sharing/render.ts';
import { paperFrom, pdfResponse, practiceLine, requireShare } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { share, audit } = await requireShare({ ...event, setHeaders: () => {} });
	const doc = loadStoredDocument(services().db, share.document.id);
	const json = documentJSON(doc);
	const measures = documentKindInfo[share.document.kind].measures ? measuresOf(doc) : null;
	doc.destroy();
	const outcomes = measures
		? summaryTable(measures.measurements, measures.customs, { dateOfBirth: share.client?.dateOfBirth ?? null, sex: measures.sex })
		: undefined;
	const asOf = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date());
	const pdf = await reportPdf(
		json,
		{ practice: practiceLine(share.trainer), trainerName: share.trainer.name, clientName: share.client?.name ?? null, title: share.document.title, dateLine: `Report as of ${asOf} UTC` },
		paperFrom(event.url),
		outcomes
	);
	audit('pdf');
	return pdfResponse(pdf, [`${share.document.title}`, share.client?.name].filter(Boolean).join(' - '));
};
