import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { canAddClients } from '$server/policy.ts';
import { ClientIdTakenError, createClient, listArchivedClientsOfTrainer } from '$server/practice/clients.ts';
import { clientOverview, REPORT_INTERVAL_CHOICES, setReportInterval } from '$server/practice/home.ts';
import { answersForTrainer, unreadAnswerCount } from '$server/sharing/replies.ts';
import { outcomeSuggestions } from '$server/practice/outcome-prompts.ts';
import { dismissOutcomeAction } from '$lib/server/outcome-actions.ts';
import { actorOf, requireTrainer } from '$lib/server/access.ts';
import { ClientForm, OptionalDeviceId } from '$lib/shared/forms/client-form.ts';
import { echo, readForm, parseForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const NewClient = ClientForm.extend({ id: OptionalDeviceId });

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	const { db } = services();
	const now = Date.now();
	const overview = await clientOverview(db, user.id, now);
	return {
		now,
		clients: overview.clients,
		reportIntervalDays: overview.intervalDays,
		reportIntervalChoices: [...REPORT_INTERVAL_CHOICES],
		answers: await answersForTrainer(db, user.id),
		unreadAnswers: await unreadAnswerCount(db, user.id),
		// Each with the id its drafted report will get, chosen now so a form sent twice drafts one.
		outcomes: (await outcomeSuggestions(db, user.id)).map((suggestion) => ({ ...suggestion, draftId: randomUUID() })),
		archivedClients: (await listArchivedClientsOfTrainer(db, user.id)).map(({ id, name, email, archivedAt }) => ({ id, name, email, archivedAt })),
		// The id the new-client form sends: chosen before sending, so a resent form makes no second client.
		newClientId: randomUUID()
	};
};

type Event = Parameters<Actions[string]>[0];

async function addClient(event: Event) {
	const user = requireTrainer(event);
	if (!canAddClients(actorOf(event))) error(403, 'Only trainers add clients.');
	const values = readForm(await event.request.formData());
	const parsed = parseForm(NewClient, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const { id, ...fields } = parsed.data;
	let client;
	try {
		// The form carries an id chosen when it was shown: sending it twice makes one client.
		client = await createClient(services().db, user.id, fields, id);
	} catch (caught) {
		if (!(caught instanceof ClientIdTakenError)) throw caught;
		return fail(409, {
			errors: { form: 'This form was already used for another record. Reload the page and try again.' } as FieldErrors,
			values: echo(values)
		});
	}
	redirect(303, `/clients/${client.id}`);
}

async function setReportSchedule(event: Event) {
	const user = requireTrainer(event);
	const days = Number(readForm(await event.request.formData()).reportIntervalDays);
	if (!(REPORT_INTERVAL_CHOICES as readonly number[]).includes(days)) return fail(400, { scheduleError: 'Choose one of the intervals offered.' });
	await setReportInterval(services().db, user.id, days);
	return { scheduleSaved: days };
}

export const actions: Actions = { addClient, setReportSchedule, dismissOutcome: dismissOutcomeAction };
