import { auditTrailOfClient } from '$server/sharing/audit.ts';
import { requireClient, requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireTrainer(event);
	const { client } = await requireClient(event, event.params.clientId, 'write');
	return { client: { id: client.id, name: client.name }, entries: await auditTrailOfClient(services().db, client.id) };
};
