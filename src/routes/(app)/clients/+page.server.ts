import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { canAddClients } from '$server/policy.ts';
import { createClient, listClientsOfTrainer } from '$server/practice/clients.ts';
import { actorOf, requireTrainer } from '$lib/server/access.ts';
import { echo, formValues, optionalText, parseForm } from '$lib/server/forms.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const NewClient = z.object({
	name: z.string().min(1, "Enter the client's name.").max(120, 'A name can be at most 120 characters.'),
	email: z
		.union([z.literal(''), z.email('Enter an email address such as name@example.com, or leave it empty.').max(254)])
		.optional(),
	dateOfBirth: z
		.string()
		.optional()
		.refine((value) => {
			if (!value) return true;
			if (!ISO_DATE.test(value)) return false;
			const date = new Date(`${value}T00:00:00Z`);
			return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= '1900-01-01' && date.getTime() <= Date.now();
		}, 'Enter a real date of birth in the past, such as 1956-04-21.'),
	notes: optionalText(5000, 'Notes')
});

export const load: PageServerLoad = (event) => {
	const user = requireTrainer(event);
	return { clients: listClientsOfTrainer(services().db, user.id) };
};

async function addClient(event: Parameters<Actions[string]>[0]) {
	const user = requireTrainer(event);
	if (!canAddClients(actorOf(event))) error(403, 'Only trainers add clients.');
	const values = formValues(await event.request.formData());
	const parsed = parseForm(NewClient, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const client = createClient(services().db, user.id, parsed.data);
	redirect(303, `/clients/${client.id}`);
}

export const actions: Actions = { addClient };
