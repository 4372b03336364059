import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createInvitation, invitationStatus, listInvitations, revokeInvitation } from '$server/consent/invitations.ts';
import { consentHistory, stateOf } from '$server/consent/records.ts';
import { users } from '$server/db/schema.ts';
import { clientKinds, providerRoleLabels, providerRoles } from '$server/practice/document-kinds.ts';
import { listArchivedDocumentsOfClient, listDocumentsOfClient } from '$server/practice/documents.ts';
import { updateClient } from '$server/practice/clients.ts';
import { removalSummary } from '$server/practice/removal.ts';
import { removalState } from '$server/policy.ts';
import { directoryOf } from '$server/referrals/outreach.server.ts';
import { eq } from 'drizzle-orm';
import { requireClient, requireTrainer } from '$lib/server/access.ts';
import { ClientForm, OptionalDeviceId } from '$lib/forms/client-form.ts';
import { echo, formValues, optionalText, parseForm, type FieldErrors } from '$lib/server/forms.ts';
import { changeRemoval } from '$lib/server/removal-actions.ts';
import { createDocumentFromForm, kindChoices } from '$lib/server/new-document.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

type Event = Parameters<Actions[string]>[0];

/** This page is the trainer's: a client sees their own record at /my. Archived: read only. */
async function ownClient(event: Event | Parameters<PageServerLoad>[0], need: 'read' | 'write' = 'write') {
	requireTrainer(event);
	return (await requireClient(event, event.params.clientId ?? '', need)).client;
}

export const load: PageServerLoad = async (event) => {
	const client = await ownClient(event, 'read');
	const { db } = services();
	const now = Date.now();
	const history = await consentHistory(db, client.id);
	const [account] = client.userId
		? await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, client.userId)).limit(1)
		: [];
	return {
		client,
		account,
		consent: { status: stateOf(history.at(-1), now).status, current: history.at(-1) ?? null, history },
		invitations: (await listInvitations(db, client.id)).map((invitation) => ({
			id: invitation.id,
			createdAt: invitation.createdAt,
			expiresAt: invitation.expiresAt,
			status: invitationStatus(invitation, now)
		})),
		documents: await listDocumentsOfClient(db, client.id),
		archivedDocuments: (await listArchivedDocumentsOfClient(db, client.id)).map(({ id, title, kind, archivedAt }) => ({ id, title, kind, archivedAt })),
		removal: { state: removalState(client), archivedAt: client.archivedAt, ...(await removalSummary(db, { kind: 'client', id: client.id })) },
		kindGroups: kindChoices(clientKinds),
		providers: ((await directoryOf(db, event.locals.user!.id)) ?? []).map(({ id, name, role, practiceName, email }) => ({ id, name, role, practiceName, email })),
		providerRoles: providerRoles.map((role) => ({ role, label: providerRoleLabels[role] })),
		newDocumentId: randomUUID()
	};
};

async function createDocumentAction(event: Event) {
	const client = await ownClient(event);
	return createDocumentFromForm(event, { clientId: client.id }, clientKinds);
}

async function invite(event: Event) {
	const client = await ownClient(event);
	if (client.userId) return fail(400, { inviteError: `${client.name} already has an account linked to this record.` });
	const { token } = await createInvitation(services().db, client.id, event.locals.user!.id);
	// Shown once, on this response only: the database keeps just its hash.
	return { invitationLink: `${event.url.origin}/invite/${token}` };
}

async function revokeInvite(event: Event) {
	const client = await ownClient(event);
	const form = await event.request.formData();
	const invitationId = String(form.get('invitationId') ?? '');
	if (!(await revokeInvitation(services().db, client.id, invitationId))) {
		return fail(400, { inviteError: 'That invitation was already used, revoked or does not exist.' });
	}
	return { inviteRevoked: true };
}

async function updateDetails(event: Event) {
	const client = await ownClient(event);
	const values = formValues(await event.request.formData());
	const parsed = parseForm(ClientForm, values);
	if (!parsed.ok) return fail(400, { editErrors: parsed.errors, editValues: echo(values) });
	if (!(await updateClient(services().db, client.id, parsed.data))) return fail(409, { editErrors: { form: 'This client was archived or deleted meanwhile; nothing was saved.' } as FieldErrors, editValues: echo(values) });
	return { detailsSaved: true };
}

const removal = (verb: 'archive' | 'delete' | 'restore') => (event: Event) =>
	changeRemoval(event, { kind: 'client', id: event.params.clientId ?? '' }, verb, () => (verb === 'delete' ? '/clients?removed=client' : `/clients/${event.params.clientId}`));

export const actions: Actions = {
	createDocument: createDocumentAction,
	invite,
	revokeInvite,
	updateDetails,
	archive: removal('archive'),
	delete: removal('delete'),
	restore: removal('restore')
};
