import { mailChoicesOf, setMailChoices } from '$server/mail/preferences.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireTrainer(event);
	return { choices: await mailChoicesOf(services().db, event.locals.user!.id), configured: services().mailer.configured };
};

export const actions: Actions = {
	save: async (event) => {
		requireTrainer(event);
		const form = await event.request.formData();
		await setMailChoices(services().db, event.locals.user!.id, {
			firstViewNotice: form.get('firstViewNotice') === 'on',
			dailyDigest: form.get('dailyDigest') === 'on'
		});
		return { saved: true };
	}
};
