import { fail } from '@sveltejs/kit';
import { mailChoicesOf, setMailChoices } from '$server/mail/preferences.ts';
import { practiceTimeZone, setPracticeTimeZone } from '$server/practice/time-zone.ts';
import { isTimeZone, timeZoneChoices } from '$lib/shared/time-zone.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/shared/forms/parse.ts';

export const load: PageServerLoad = async (event) => {
	const trainer = requireTrainer(event);
	const { db, mailer } = services();
	return {
		choices: await mailChoicesOf(db, trainer.id),
		configured: mailer.configured,
		timeZone: await practiceTimeZone(db, trainer.id),
		timeZones: timeZoneChoices()
	};
};

export const actions: Actions = {
	save: async (event) => {
		const trainer = requireTrainer(event);
		const form = readForm(await event.request.formData());
		const timeZone = form.timeZone ?? '';
		// Checked before anything is stored: a refused zone changes neither setting.
		if (timeZone && !isTimeZone(timeZone)) return fail(400, { message: 'Choose your practice’s time zone from the list.' });
		const { db } = services();
		await db.transaction(async (tx) => {
			await setMailChoices(tx, trainer.id, { firstViewNotice: form.firstViewNotice === 'on', dailyDigest: form.dailyDigest === 'on' });
			if (timeZone) await setPracticeTimeZone(tx, trainer.id, timeZone);
		});
		return { saved: true };
	}
};
