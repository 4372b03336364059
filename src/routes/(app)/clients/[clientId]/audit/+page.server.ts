import { auditTrailOfClient } from '$server/sharing/audit.ts';
import { requireClient, requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireTrainer(event);
	const { client } = requireClient(event, event.params.clientId, 'write');
	return { client: { id: client.id, name: client.name }, entries: auditTrailOfClient(services().db, client.id) };
};
