import { error, type RequestEvent } from '@sveltejs/kit';
import { recordAudit } from '$server/sharing/audit.ts';
import { shareAccess } from '$server/policy.ts';
import type { Paper } from '$server/sharing/pdf.ts';
import { services } from './services.ts';

type Event = Pick<RequestEvent, 'params' | 'getClientAddress' | 'request' | 'setHeaders'>;

/** Headers for every page and file a share link opens: never indexed, never cached, no referrer. */
export const SHARE_HEADERS = {
	'referrer-policy': 'no-referrer',
	'x-robots-tag': 'noindex, nofollow',
	'cache-control': 'private, no-store'
};

/**
 * Every share route starts here: bad tokens of every kind get one and the same 404 (and count
 * towards the address's limit); every refusal is audited with the reason the visitor never sees.
 */
export function requireShare(event: Event) {
	event.setHeaders(SHARE_HEADERS);
	const { db, shareThrottle } = services();
	const address = event.getClientAddress();
	const userAgent = event.request.headers.get('user-agent');
	const throttle = shareThrottle.check(address);
	if (!throttle.allowed) error(429, 'Too many attempts');

	const result = shareAccess(db, event.params.token ?? '');
	if (result.access === 'none') {
		shareThrottle.fail(address);
		recordAudit(db, {
			event: 'refused',
			linkId: result.refusal.linkId ?? null,
			clientId: result.refusal.clientId ?? null,
			detail: result.refusal.reason,
			ipAddress: address,
			userAgent
		});
		error(404, 'Link not valid');
	}
	return {
		share: result.share,
		audit: (event: 'view' | 'pdf' | 'version-view', documentId = result.share.document.id) =>
			recordAudit(db, { event, linkId: result.share.link.id, clientId: result.share.client?.id ?? null, documentId, ipAddress: address, userAgent })
	};
}

export function practiceLine(trainer: { name: string; practiceName: string | null }): string {
	return trainer.practiceName ?? trainer.name;
}

export function paperFrom(url: URL): Paper {
	return url.searchParams.get('paper') === 'a4' ? 'A4' : 'LETTER';
}

export function pdfResponse(pdf: Buffer, name: string): Response {
	const file = `${name.replace(/[^\w .-]+/g, '').trim() || 'report'}.pdf`;
	return new Response(new Uint8Array(pdf), {
		headers: { ...SHARE_HEADERS, 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${file}"` }
	});
}
