import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/server/access.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals.user));
};
