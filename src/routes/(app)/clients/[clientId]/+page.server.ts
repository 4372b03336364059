import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createInvitation, invitationStatus, listInvitations, revokeInvitation } from '$server/consent/invitations.ts';
import { consentHistory, stateOf } from '$server/consent/records.ts';
import { documentKinds, users } from '$server/db/schema.ts';
import { documentKindInfo, kindGroupLabels, kindGroups, providerRoleLabels, providerRoles } from '$server/practice/document-kinds.ts';
import { createDocumentOnce, DocumentIdTakenError, listArchivedDocumentsOfClient, listDocumentsOfClient } from '$server/practice/documents.ts';
import { updateClient } from '$server/practice/clients.ts';
import { removalSummary } from '$server/practice/removal.ts';
import { removalState } from '$server/policy.ts';
import { chooseProvider, isLetterKind, letterTouchpoint, trainerToday, type ProviderFieldNames } from '$server/referrals/outreach.ts';
import { directoryOf, recordOutreach } from '$server/referrals/outreach.server.ts';
import { eq } from 'drizzle-orm';
import { requireClient, requireTrainer } from '$lib/server/access.ts';
import { ClientForm, OptionalDeviceId } from '$lib/forms/client-form.ts';
import { echo, formValues, optionalText, parseForm, type FieldErrors } from '$lib/server/forms.ts';
import { changeRemoval } from '$lib/server/removal-actions.ts';
import { readProviderForm } from '$lib/server/provider-form.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const NewDocument = z.object({
	kind: z.enum(documentKinds, 'Choose a kind of document.'),
	title: optionalText(200, 'A title'),
	providerName: optionalText(120, 'The provider’s name'),
	providerRole: z.union([z.literal(''), z.enum(providerRoles)], 'Choose the provider’s role from the list.').optional(),
	providerClinic: optionalText(160, 'The provider’s practice'),
	id: OptionalDeviceId
});

/** The kinds of document, grouped as the trainer thinks of them, for the new-document form. */
const kindChoices = kindGroups.map((group) => ({
	label: kindGroupLabels[group],
	kinds: documentKinds
		.filter((kind) => documentKindInfo[kind].group === group)
		.map((kind) => {
			const info = documentKindInfo[kind];
			return { kind, label: info.label, summary: info.summary, provider: info.provider, audience: info.audience ?? null, letter: isLetterKind(kind) };
		})
}));

type Event = Parameters<Actions[string]>[0];

/** The new-document form's provider fields, which a pick from the directory fills. */
const providerFields: ProviderFieldNames = { name: 'providerName', role: 'providerRole', practiceName: 'providerClinic' };

/** This page is the trainer's: a client sees their own record at /my. Archived: read only. */
function ownClient(event: Event | Parameters<PageServerLoad>[0], need: 'read' | 'write' = 'write') {
	requireTrainer(event);
	return requireClient(event, event.params.clientId ?? '', need).client;
}

export const load: PageServerLoad = (event) => {
	const client = ownClient(event, 'read');
	const { db } = services();
	const now = Date.now();
	const history = consentHistory(db, client.id);
	const account = client.userId
		? db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, client.userId)).get()
		: undefined;
	return {
		client,
		account,
		consent: { status: stateOf(history.at(-1), now).status, current: history.at(-1) ?? null, history },
		invitations: listInvitations(db, client.id).map((invitation) => ({
			id: invitation.id,
			createdAt: invitation.createdAt,
			expiresAt: invitation.expiresAt,
			status: invitationStatus(invitation, now)
		})),
		documents: listDocumentsOfClient(db, client.id),
		archivedDocuments: listArchivedDocumentsOfClient(db, client.id).map(({ id, title, kind, archivedAt }) => ({ id, title, kind, archivedAt })),
		removal: { state: removalState(client), archivedAt: client.archivedAt, ...removalSummary(db, { kind: 'client', id: client.id }) },
		kindGroups: kindChoices,
		providers: (directoryOf(db, event.locals.user!.id) ?? []).map(({ id, name, role, practiceName, email }) => ({ id, name, role, practiceName, email })),
		providerRoles: providerRoles.map((role) => ({ role, label: providerRoleLabels[role] })),
		newDocumentId: randomUUID()
	};
};

async function createDocumentAction(event: Event) {
	const client = ownClient(event);
	const trainerId = event.locals.user!.id;
	const { db, collab } = services();
	const directory = directoryOf(db, trainerId);
	const form = await readProviderForm(event.request, directory, NewDocument, providerFields);
	if (!form.ok) return form.failure;
	const { values, picked } = form;
	const { kind, title, providerName, providerRole, providerClinic, id } = form.data;
	let made;
	try {
		// The form carries an id chosen on the device: sent twice (kept offline, resent), one document.
		made = createDocumentOnce(db, client.id, { kind, title, provider: { name: providerName, role: providerRole || undefined, clinic: providerClinic } }, { id });
	} catch (caught) {
		if (!(caught instanceof DocumentIdTakenError)) throw caught;
		return fail(409, { errors: { form: 'This form was already used for another record. Reload the page and try again.' } as FieldErrors, values });
	}
	const { document, created } = made;
	const touchpoint = created ? letterTouchpoint(kind, document.title) : null;
	if (touchpoint) {
		// The letter exists now, whatever happens to the touchpoint: recordOutreach logs its own failures.
		const choice = chooseProvider(directory, {
			directoryProviderId: picked?.id ?? '',
			addToDirectory: values.addToDirectory === 'on',
			typed: { name: providerName ?? '', role: documentKindInfo[kind].audience ?? (providerRole || ''), practiceName: providerClinic ?? '', email: '' }
		});
		if (choice.ok) await recordOutreach(collab.hocuspocus, trainerId, choice.choice, { ...touchpoint, date: trainerToday(values.today, new Date()) });
	}
	redirect(303, `/documents/${document.id}`);
}

async function invite(event: Event) {
	const client = ownClient(event);
	if (client.userId) return fail(400, { inviteError: `${client.name} already has an account linked to this record.` });
	const { token } = createInvitation(services().db, client.id, event.locals.user!.id);
	// Shown once, on this response only: the database keeps just its hash.
	return { invitationLink: `${event.url.origin}/invite/${token}` };
}

async function revokeInvite(event: Event) {
	const client = ownClient(event);
	const form = await event.request.formData();
	const invitationId = String(form.get('invitationId') ?? '');
	if (!revokeInvitation(services().db, client.id, invitationId)) {
		return fail(400, { inviteError: 'That invitation was already used, revoked or does not exist.' });
	}
	return { inviteRevoked: true };
}

async function updateDetails(event: Event) {
	const client = ownClient(event);
	const values = formValues(await event.request.formData());
	const parsed = parseForm(ClientForm, values);
	if (!parsed.ok) return fail(400, { editErrors: parsed.errors, editValues: echo(values) });
	if (!updateClient(services().db, client.id, parsed.data)) return fail(409, { editErrors: { form: 'This client was archived or deleted meanwhile; nothing was saved.' } as FieldErrors, editValues: echo(values) });
	return { detailsSaved: true };
}

const removal = (verb: 'archive' | 'delete' | 'restore') => (event: Event) =>
	changeRemoval(event, { kind: 'client', id: event.params.clientId ?? '' }, verb, (client) => (verb === 'delete' ? '/clients?removed=client' : `/clients/${client.id}`));

export const actions: Actions = {
	createDocument: createDocumentAction,
	invite,
	revokeInvite,
	updateDetails,
	archive: removal('archive'),
	delete: removal('delete'),
	restore: removal('restore')
};
