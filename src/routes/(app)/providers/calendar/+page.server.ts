import { feedIssuedAt, issueFeedToken, revokeFeedToken } from '$server/referrals/feed-tokens.server.ts';
import { requirePractice } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const trainer = requirePractice(event);
	return { feedSince: await feedIssuedAt(services().db, trainer.id) };
};

function feedUrl(origin: string, token: string): string {
	return `${origin}/calendar/${token}/follow-ups.ics`;
}

/** The address is shown once, now: only its hash is kept, so it cannot be shown again later. */
async function issue(event: Parameters<Actions[string]>[0]) {
	const trainer = requirePractice(event);
	const token = await issueFeedToken(services().db, trainer.id);
	return { feedUrl: feedUrl(event.url.origin, token) };
}

async function revoke(event: Parameters<Actions[string]>[0]) {
	const trainer = requirePractice(event);
	await revokeFeedToken(services().db, trainer.id);
	return { revoked: true };
}

export const actions: Actions = { issue, revoke };
