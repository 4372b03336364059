import { fail } from '@sveltejs/kit';
import { mailChoicesOf, setMailChoices } from '$server/mail/preferences.ts';
import { practiceTimeZone, setPracticeTimeZone } from '$server/practice/time-zone.ts';
import { isTimeZone, timeZoneChoices } from '$lib/shared/time-zone.ts';
import { practiceFormat, setPracticeLocale } from '$server/practice/format-context.ts';
import { formatDateTime, isLocaleChoice, LOCALE_CHOICES } from '$lib/shared/format.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/shared/forms/parse.ts';

// One instant every choice writes, so the trainer sees what each one looks like.
const SAMPLE = Date.UTC(2026, 11, 3, 14, 5);
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

export const load: PageServerLoad = async (event) => {
	const trainer = requireTrainer(event);
	const { db, mailer } = services();
	return {
		choices: await mailChoicesOf(db, trainer.id),
		configured: mailer.configured,
		timeZone: await practiceTimeZone(db, trainer.id),
		timeZones: timeZoneChoices(),
		locale: (await practiceFormat(db, trainer.id)).locale,
		// Labelled here, once: the browser's own names for languages could differ from the server's.
		locales: LOCALE_CHOICES.map((tag) => ({
			tag,
			label: `${languageNames.of(tag) ?? tag}: ${formatDateTime(SAMPLE, { locale: tag, timeZone: 'UTC' }, { date: 'long' })}`
		}))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const trainer = requireTrainer(event);
		const form = readForm(await event.request.formData());
		const timeZone = form.timeZone ?? '';
		// Checked before anything is stored: a refused zone changes neither setting.
		if (timeZone && !isTimeZone(timeZone)) return fail(400, { message: 'Choose your practice’s time zone from the list.' });
		const locale = form.locale ?? '';
		if (locale && !isLocaleChoice(locale)) return fail(400, { message: 'Choose how your practice writes dates from the list.' });
		const { db } = services();
		await db.transaction(async (tx) => {
			await setMailChoices(tx, trainer.id, { firstViewNotice: form.firstViewNotice === 'on', dailyDigest: form.dailyDigest === 'on' });
			if (timeZone) await setPracticeTimeZone(tx, trainer.id, timeZone);
			if (locale) await setPracticeLocale(tx, trainer.id, locale);
		});
		return { saved: true };
	}
};
