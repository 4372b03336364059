import { fail } from '@sveltejs/kit';
import { trashOf } from '$server/practice/removal.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { changeRemoval } from '$lib/server/removal-actions.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/shared/forms/parse.ts';

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	return { entries: await trashOf(services().db, user.id) };
};

export const actions: Actions = {
	restore: async (event) => {
		const { kind, id = '' } = readForm(await event.request.formData());
		if (kind !== 'client' && kind !== 'document') return fail(400, { removalError: 'Choose something to restore.' });
		return changeRemoval(event, { kind, id }, 'restore', () => `/trash?restored=${kind}`);
	}
};
