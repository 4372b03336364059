import { error } from '@sveltejs/kit';
import { CALENDAR_FILE_NAME, followUpsCalendar } from '$lib/shared/referrals/calendar.ts';
import { trainerOfFeedToken } from '$server/referrals/feed-tokens.server.ts';
import { pendingFollowUps } from '$lib/shared/referrals/follow-ups.ts';
import { readStoredPractice } from '$server/referrals/stored-practice.server.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

// A calendar app subscribes here with no session: the secret token in the address is the
// credential (see feed-tokens.server.ts). An unknown or revoked token is a plain 404.
export const GET: RequestHandler = async ({ params, url }) => {
	const { db } = services();
	const trainerId = await trainerOfFeedToken(db, params.token);
	if (!trainerId) error(404, 'Not found');
	const followUps = pendingFollowUps(await readStoredPractice(db, trainerId));
	const body = followUpsCalendar(followUps, { now: new Date(), providerUrl: (id) => `${url.origin}/providers/${id}` });
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="${CALENDAR_FILE_NAME}"`,
			// The feed names providers; never keep it in a shared cache.
			'cache-control': 'private, no-store'
		}
	});
};
