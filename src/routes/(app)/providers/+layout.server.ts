import { listArchivedClientsOfTrainer, listClientsOfTrainer } from '$server/practice/clients.ts';
import { requirePractice } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { LayoutServerLoad } from './$types';

// The practice itself lives in the trainer's Y.Doc and is read on the device; the server supplies
// only the trainer and their clients (to link referrals to). The URL is untracked so that moving
// between directory, provider pages and overview does not ask the server again: they keep working
// with the connection gone.
export const load: LayoutServerLoad = async (event) => {
	const trainer = event.untrack(() => requirePractice(event));
	return {
		trainer: { id: trainer.id, name: trainer.name },
		clients: (await listClientsOfTrainer(services().db, trainer.id)).map((client) => ({ id: client.id, name: client.name })),
		// A referral of a client since archived still names them; only clients in use are offered.
		archivedClients: (await listArchivedClientsOfTrainer(services().db, trainer.id)).map((client) => ({ id: client.id, name: client.name }))
	};
};
