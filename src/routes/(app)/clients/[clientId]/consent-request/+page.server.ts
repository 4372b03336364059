import { randomUUID } from 'node:crypto';
import { consentState } from '$server/consent/records.ts';
import { outcomeSuggestionFor } from '$server/practice/outcome-prompts.ts';
import { directoryOf } from '$server/referrals/outreach.server.ts';
import { requireClient, requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import { consentRequest, consentRequestPath } from '$lib/shared/consent/request.ts';
import type { PageServerLoad } from './$types';

/**
 * "Ask for consent" from an outcome suggestion: the request the trainer sends the client, with the
 * provider, the progress report and the purpose filled in. This page sends nothing; it shows the
 * link to the client's own consent form and what that form will start from.
 */
export const load: PageServerLoad = async (event) => {
	requireTrainer(event);
	const { client } = await requireClient(event, event.params.clientId ?? '', 'write');
	const { db } = services();
	const chosen = (event.url.searchParams.get('provider') ?? '').slice(0, 100);
	const providers = (await directoryOf(db, client.trainerId)) ?? [];
	const suggestion = await outcomeSuggestionFor(db, client, chosen ? { chosenProviderId: chosen } : {});
	const provider = suggestion?.provider ?? (chosen ? (providers.find((candidate) => candidate.id === chosen) ?? null) : null);
	const consent = await consentState(db, client.id);
	return {
		client: { id: client.id, name: client.name, hasAccount: client.userId !== null },
		consentStatus: consent.status,
		suggestion: suggestion && { ...suggestion, draftId: randomUUID() },
		provider,
		providers: providers.map(({ id, name, practiceName }) => ({ id, name, practiceName })),
		request: provider ? consentRequest(provider) : null,
		link: provider ? `${event.url.origin}${consentRequestPath(client.id, provider.id)}` : null
	};
};
