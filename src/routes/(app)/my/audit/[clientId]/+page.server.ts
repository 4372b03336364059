import { error } from '@sveltejs/kit';
import { auditTrailOfClient } from '$server/sharing/audit.ts';
import { canSignConsent } from '$server/policy.ts';
import { actorOf, requireClient } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { client } = await requireClient(event, event.params.clientId);
	if (!canSignConsent(actorOf(event), client)) error(404, 'Client not found');
	return { entries: await auditTrailOfClient(services().db, client.id) };
};
