import { requireTrainer } from '$lib/server/access.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireTrainer(event);
	return {};
};
