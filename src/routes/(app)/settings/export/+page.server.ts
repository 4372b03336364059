import { requireTrainer } from '$lib/server/access.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireTrainer(event);
	return {};
};
