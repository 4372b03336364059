import { error, type RequestEvent } from '@sveltejs/kit';
import { recordAudit, recordRefusal } from '$server/sharing/audit.ts';
import { shareAccess, shareReplyAccess } from '$server/policy.ts';
import type { Paper } from '$server/sharing/pdf.ts';
import { eq } from 'drizzle-orm';
import { users } from '$server/db/schema.ts';
import { firstViewMail } from '$server/mail/messages/first-view.ts';
import { mailChoicesOf } from '$server/mail/preferences.ts';
import type { OpenShare, ShareResolution } from '$server/sharing/links.ts';
import { services } from './services.ts';

type Event = Pick<RequestEvent, 'params' | 'getClientAddress' | 'request' | 'setHeaders' | 'url'>;

/**
 * Headers for every page and file a share link opens: never indexed, never cached, and no referrer
 * to any other site. "same-origin" rather than "no-referrer": under no-referrer Chromium sends
 * `Origin: null` with a plain form's POST, which SvelteKit's cross-site check refuses, and the
 * provider's answer form must work without JavaScript. Our own server is the only one that ever
 * sees the link's path.
 */
export const SHARE_HEADERS = {
	'referrer-policy': 'same-origin',
	'x-robots-tag': 'noindex, nofollow',
	'cache-control': 'private, no-store'
};

/**
 * Every share route starts here: bad tokens of every kind get one and the same 404 (and count
 * towards the address's limit, after which they get 429); every refusal is audited, with the
 * reason the visitor never sees, a row per address and minute.
 */
export async function requireShare(event: Event) {
	event.setHeaders(SHARE_HEADERS);
	const { db } = services();
	const address = event.getClientAddress();
	const origin = event.url.origin;
	const userAgent = event.request.headers.get('user-agent');
	// The link is looked up first: a valid one opens even from an address that others behind it
	// have made guess too often (only failures count), so a provider is never locked out by them.
	const result = await shareAccess(db, event.params.token ?? '');
	if (result.access === 'none') return refuse(result.refusal, address, userAgent);
	return {
		share: result.share,
		audit: async (event: 'view' | 'pdf' | 'version-view', documentId = result.share.document.id) => {
			await recordAudit(db, { event, linkId: result.share.link.id, clientId: result.share.client?.id ?? null, documentId, ipAddress: address, userAgent });
			await noticeFirstView(result.share, origin);
		}
	};
}

/** Every refused token: counted towards the address's limit and audited, then one and the same 404. */
async function refuse(refusal: ShareResolutionRefusal, address: string, userAgent: string | null): Promise<never> {
	const { db, shareThrottle } = services();
	const throttle = await shareThrottle.check(address);
	await shareThrottle.fail(address);
	await recordRefusal(db, {
		linkId: refusal.linkId ?? null,
		clientId: refusal.clientId ?? null,
		detail: throttle.allowed ? refusal.reason : `${refusal.reason}, throttled`,
		ipAddress: address,
		userAgent
	});
	if (!throttle.allowed) error(429, 'Too many attempts');
	error(404, 'Link not valid');
}

type ShareResolutionRefusal = Extract<ShareResolution, { ok: false }>;

/**
 * The share page's reply action starts here: the link must allow replying now (policy's
 * shareReplyAccess: live, and covered by the client's consent); a refused link gets the same 404 as
 * a view, counted and audited the same way.
 */
export async function requireShareReply(event: Event) {
	// No headers here: the page's load, which renders the answer, sets SHARE_HEADERS (once only).
	const address = event.getClientAddress();
	const userAgent = event.request.headers.get('user-agent');
	const result = await shareReplyAccess(services().db, event.params.token ?? '');
	if (!result.reply) return refuse(result.refusal, address, userAgent);
	return { share: result.share, meta: { ipAddress: address, userAgent, origin: event.url.origin } };
}

/**
 * The trainer's opt-in notice that a provider opened a link: queued under the link's key, so the
 * first view of each link mails once and every later view (or a second instance) finds it queued.
 */
async function noticeFirstView(share: OpenShare, origin: string): Promise<void> {
	const { db, mailer } = services();
	const trainerId = share.document.trainerId;
	if (!(await mailChoicesOf(db, trainerId)).firstViewNotice) return;
	const [trainer] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, trainerId)).limit(1);
	if (!trainer) return;
	await mailer.send({
		kind: 'first_view',
		ownerId: trainerId,
		dedupeKey: `first-view:${share.link.id}`,
		to: trainer.email,
		toName: trainer.name,
		...firstViewMail({
			trainerName: trainer.name,
			providerName: share.link.providerName,
			documentTitle: share.document.title,
			sharingUrl: `${origin}/documents/${share.document.id}/sharing`,
			settingsUrl: `${origin}/account/email`
		})
	});
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
