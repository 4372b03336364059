import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { documentKinds } from '$server/db/schema.ts';
import { documentKindInfo, kindGroupLabels, kindGroups, providerRoleLabels, providerRoles } from '$server/practice/document-kinds.ts';
import { createDocument, listDocumentsOfClient } from '$server/practice/documents.ts';
import { requireClient } from '$lib/server/access.ts';
import { echo, formValues, optionalText, parseForm } from '$lib/server/forms.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const NewDocument = z.object({
	kind: z.enum(documentKinds, 'Choose a kind of document.'),
	title: optionalText(200, 'A title'),
	providerName: optionalText(120, 'The provider’s name'),
	providerRole: z.union([z.literal(''), z.enum(providerRoles)], 'Choose the provider’s role from the list.').optional(),
	providerClinic: optionalText(160, 'The provider’s practice')
});

export const load: PageServerLoad = (event) => {
	const { client, access } = requireClient(event, event.params.clientId);
	const groups = kindGroups.map((group) => ({
		label: kindGroupLabels[group],
		kinds: documentKinds
			.filter((kind) => documentKindInfo[kind].group === group)
			.map((kind) => ({ kind, label: documentKindInfo[kind].label, summary: documentKindInfo[kind].summary, provider: documentKindInfo[kind].provider, audience: documentKindInfo[kind].audience ?? null }))
	}));
	return {
		client,
		canEdit: access === 'write',
		documents: listDocumentsOfClient(services().db, client.id),
		kindGroups: groups,
		providerRoles: providerRoles.map((role) => ({ role, label: providerRoleLabels[role] }))
	};
};

async function createDocumentAction(event: Parameters<Actions[string]>[0]) {
	const { client } = requireClient(event, event.params.clientId ?? '', 'write');
	const values = formValues(await event.request.formData());
	const parsed = parseForm(NewDocument, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const { kind, title, providerName, providerRole, providerClinic } = parsed.data;
	const document = createDocument(services().db, client.id, {
		kind,
		title,
		provider: { name: providerName, role: providerRole || undefined, clinic: providerClinic }
	});
	redirect(303, `/documents/${document.id}`);
}

export const actions: Actions = { createDocument: createDocumentAction };
