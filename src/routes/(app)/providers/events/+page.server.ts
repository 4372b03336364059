import { fail, redirect } from '@sveltejs/kit';
import { createEvent, eventsOf, practiceToday } from '$server/referrals/events.server.ts';
import { eventSchema } from '$lib/shared/referrals/events.ts';
import { requirePractice } from '$lib/server/access.ts';
import { echo, parseForm, readForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A practice plans a few events a month; this bounds what a runaway script can store. */
const MAX_EVENTS = 1000;

export const load: PageServerLoad = async (event) => {
	const trainer = requirePractice(event);
	const today = await practiceToday(services().db, trainer.id);
	return { today, ...(await eventsOf(services().db, trainer.id, today)) };
};

async function create(event: RequestEvent) {
	const trainer = requirePractice(event);
	const { db } = services();
	const values = readForm(await event.request.formData());
	const today = await practiceToday(db, trainer.id);
	const parsed = parseForm(eventSchema(today), values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const { coming, past } = await eventsOf(db, trainer.id, today);
	if (coming.length + past.length >= MAX_EVENTS) {
		return fail(400, {
			errors: { form: `You have ${MAX_EVENTS.toLocaleString('en')} events, the most a practice keeps. Delete old ones first.` } as FieldErrors,
			values: echo(values)
		});
	}
	const created = await createEvent(db, trainer.id, parsed.data);
	redirect(303, `/providers/events/${created.id}`);
}

export const actions: Actions = { create };
