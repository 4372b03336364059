import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { documentKinds } from '$server/db/schema.ts';
import { createDocument, documentKindLabels, listDocumentsOfClient } from '$server/practice/documents.ts';
import { requireClient } from '$lib/server/access.ts';
import { echo, formValues, parseForm } from '$lib/server/forms.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const NewDocument = z.object({
	title: z.string().min(1, 'Give the document a title.').max(200, 'A title can be at most 200 characters.'),
	kind: z.enum(documentKinds, 'Choose a kind of document.')
});

export const load: PageServerLoad = (event) => {
	const { client, access } = requireClient(event, event.params.clientId);
	return {
		client,
		canEdit: access === 'write',
		documents: listDocumentsOfClient(services().db, client.id),
		kinds: documentKinds.map((kind) => ({ kind, label: documentKindLabels[kind] }))
	};
};

async function createDocumentAction(event: Parameters<Actions[string]>[0]) {
	const { client } = requireClient(event, event.params.clientId ?? '', 'write');
	const values = formValues(await event.request.formData());
	const parsed = parseForm(NewDocument, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const document = createDocument(services().db, client.id, parsed.data);
	redirect(303, `/documents/${document.id}`);
}

export const actions: Actions = { createDocument: createDocumentAction };
