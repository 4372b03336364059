import { error } from '@sveltejs/kit';
import { clientRecords } from '$server/export/client-export.ts';
import { clientRecordsPdf } from '$server/export/client-records-pdf.ts';
import { canSignConsent } from '$server/policy.ts';
import { recordAudit } from '$server/sharing/audit.ts';
import { actorOf, requireClient } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

/** The client's own records as JSON, or as PDF with ?format=pdf (their right of access); only the client may, and it is audited. */
export const GET: RequestHandler = async (event) => {
	const { client } = await requireClient(event, event.params.clientId);
	if (!canSignConsent(actorOf(event), client)) error(404, 'Client not found');
	const { db } = services();
	const records = await clientRecords(db, client);
	await recordAudit(db, { event: 'export', clientId: client.id, ipAddress: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') });
	const date = records.exportedAt.slice(0, 10);
	if (event.url.searchParams.get('format') === 'pdf') {
		const pdf = await clientRecordsPdf(db, client, records);
		return new Response(pdf as Uint8Array<ArrayBuffer>, {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="my-records-${date}.pdf"`,
				'cache-control': 'no-store'
			}
		});
	}
	return new Response(JSON.stringify(records, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="my-records-${date}.json"`,
			'cache-control': 'no-store'
		}
	});
};
