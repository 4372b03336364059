import { loadStoredDocument } from '$server/collab/stored-document.ts';
import { documentPdf } from '$server/sharing/document-pdf.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { formatDateTime, formatZone } from '$lib/shared/format.ts';
import { paperFrom, pdfResponse, requireShare } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { share, audit } = await requireShare({ ...event, setHeaders: () => {} });
	const doc = await loadStoredDocument(services().db, share.document.id);
	const format = await practiceFormat(services().db, share.document.trainerId);
	const now = new Date();
	const asOf = `${formatDateTime(now, format, { date: 'long' })} ${formatZone(now, format)}`;
	try {
		const subject = { ...share.document, trainer: share.trainer, client: share.client };
		const pdf = await documentPdf(doc, subject, `Report as of ${asOf}`, paperFrom(event.url), format);
		await audit('pdf');
		return pdfResponse(pdf, [`${share.document.title}`, share.client?.name].filter(Boolean).join(' - '));
	} finally {
		doc.destroy();
	}
};
