import { error, fail, redirect } from '@sveltejs/kit';
import { canAddClients } from '$server/policy.ts';
import { ClientIdTakenError, createClient, listArchivedClientsOfTrainer, listClientsOfTrainer } from '$server/practice/clients.ts';
import { actorOf, requireTrainer } from '$lib/server/access.ts';
import { ClientForm, OptionalDeviceId } from '$lib/server/client-form.ts';
import { echo, formValues, parseForm, type FieldErrors } from '$lib/server/forms.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const NewClient = ClientForm.extend({ id: OptionalDeviceId });

export const load: PageServerLoad = (event) => {
	const user = requireTrainer(event);
	const { db } = services();
	return {
		clients: listClientsOfTrainer(db, user.id),
		archivedClients: listArchivedClientsOfTrainer(db, user.id).map(({ id, name, email, archivedAt }) => ({ id, name, email, archivedAt }))
	};
};

async function addClient(event: Parameters<Actions[string]>[0]) {
	const user = requireTrainer(event);
	if (!canAddClients(actorOf(event))) error(403, 'Only trainers add clients.');
	const values = formValues(await event.request.formData());
	const parsed = parseForm(NewClient, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const { id, ...fields } = parsed.data;
	let client;
	try {
		// The form carries an id chosen when it was shown: sending it twice makes one client.
		client = createClient(services().db, user.id, fields, id);
	} catch (caught) {
		if (!(caught instanceof ClientIdTakenError)) throw caught;
		return fail(409, { errors: { form: 'This form was already used for another record. Reload the page and try again.' } as FieldErrors, values: echo(values) });
	}
	redirect(303, `/clients/${client.id}`);
}

export const actions: Actions = { addClient };
