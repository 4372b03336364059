import { error } from '@sveltejs/kit';
import { documentPdf } from '$server/sharing/document-pdf.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { formatDate } from '$lib/shared/format.ts';
import { getSentVersion, sentVersionDoc } from '$server/sharing/versions.ts';
import { paperFrom, pdfResponse, requireShare } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { share, audit } = await requireShare({ ...event, setHeaders: () => {} });
	const version = await getSentVersion(services().db, share.document.id, event.params.versionId);
	if (!version) error(404, 'Link not valid');
	const doc = sentVersionDoc(version);
	const format = await practiceFormat(services().db, share.document.trainerId);
	const sentOn = formatDate(version.sentAt, format, 'long');
	try {
		const subject = { kind: share.document.kind, title: version.title, trainer: share.trainer, client: share.client };
		const pdf = await documentPdf(doc, subject, `Sent ${sentOn} by ${version.sentByName}`, paperFrom(event.url), format);
		await audit('pdf');
		return pdfResponse(pdf, [`${version.title}`, share.client?.name, `sent ${sentOn}`].filter(Boolean).join(' - '));
	} finally {
		doc.destroy();
	}
};
