import { loadStoredDocument } from '$server/collab/stored-document.ts';
import { documentPdf } from '$server/sharing/document-pdf.ts';
import { paperFrom, pdfResponse, requireShare } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { share, audit } = await requireShare({ ...event, setHeaders: () => {} });
	const doc = await loadStoredDocument(services().db, share.document.id);
	const asOf = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date());
	try {
		const pdf = await documentPdf(doc, { ...share.document, trainer: share.trainer, client: share.client }, `Report as of ${asOf} UTC`, paperFrom(event.url));
		await audit('pdf');
		return pdfResponse(pdf, [`${share.document.title}`, share.client?.name].filter(Boolean).join(' - '));
	} finally {
		doc.destroy();
	}
};
