import { error, type RequestEvent } from '@sveltejs/kit';
import { invitationAccess } from '$server/policy.ts';
import { practiceToday } from '$server/referrals/events.server.ts';
import { SHARE_HEADERS } from './share-request.ts';
import { services } from './services.ts';

type Event = Pick<RequestEvent, 'params' | 'getClientAddress' | 'setHeaders'>;

/**
 * Every invitation answer route starts here, as share routes start at requireShare: the same
 * headers (never indexed, never cached, no referrer elsewhere), and every refused token (malformed,
 * unknown, or a week past its event) gets one and the same 404, counted towards the address's
 * limit on share tokens, after which it gets 429: guessing at either kind of link spends one budget.
 * `headers: false` for an action, whose page's load sets them.
 */
export async function requireInvitation(event: Event, options: { headers?: boolean } = {}) {
	if (options.headers !== false) event.setHeaders(SHARE_HEADERS);
	const { db, shareThrottle } = services();
	const result = await invitationAccess(db, event.params.token ?? '', (trainerId) => practiceToday(db, trainerId));
	if (result.ok) return result.open;
	const address = event.getClientAddress();
	const throttle = await shareThrottle.check(address);
	await shareThrottle.fail(address);
	if (!throttle.allowed) error(429, 'Too many attempts');
	error(404, 'Link not valid');
}
