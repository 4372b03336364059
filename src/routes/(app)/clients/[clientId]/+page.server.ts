import { fail } from '@sveltejs/kit';
import { createInvitation, invitationStatus, listInvitations, revokeInvitation } from '$server/consent/invitations.ts';
import { consentHistory, stateOf } from '$server/consent/records.ts';
import { users } from '$server/db/schema.ts';
import { clientKinds, providerRoleLabels, providerRoles } from '$server/practice/document-kinds.ts';
import { listDocumentsOfClient } from '$server/practice/documents.ts';
import { directoryOf } from '$server/referrals/outreach.server.ts';
import { eq } from 'drizzle-orm';
import { requireClient, requireTrainer } from '$lib/server/access.ts';
import { createDocumentFromForm, kindChoices } from '$lib/server/new-document.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

type Event = Parameters<Actions[string]>[0];

/** This page is the trainer's: a client sees their own record at /my. */
function ownClient(event: Event | Parameters<PageServerLoad>[0]) {
	requireTrainer(event);
	return requireClient(event, event.params.clientId ?? '', 'write').client;
}

export const load: PageServerLoad = (event) => {
	const client = ownClient(event);
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
		kindGroups: kindChoices(clientKinds),
		providers: (directoryOf(db, event.locals.user!.id) ?? []).map(({ id, name, role, practiceName, email }) => ({ id, name, role, practiceName, email })),
		providerRoles: providerRoles.map((role) => ({ role, label: providerRoleLabels[role] }))
	};
};

async function createDocumentAction(event: Event) {
	const client = ownClient(event);
	return createDocumentFromForm(event, { clientId: client.id }, clientKinds);
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

export const actions: Actions = { createDocument: createDocumentAction, invite, revokeInvite };
