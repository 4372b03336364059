import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { createInvitation, invitationStatus, listInvitations, revokeInvitation } from '$server/consent/invitations.ts';
import { invitationMail } from '$server/mail/messages/invitation.ts';
import { mailByKey } from '$server/mail/outbox.ts';
import { consentHistory, stateOf } from '$server/consent/records.ts';
import { users } from '$server/db/schema.ts';
import { clientKinds, providerRoleLabels, providerRoles } from '$lib/shared/practice/document-kinds.ts';
import { listArchivedDocumentsOfClient, listDocumentsOfClient } from '$server/practice/documents.ts';
import { updateClient } from '$server/practice/clients.ts';
import { removalSummary } from '$server/practice/removal.ts';
import { removalState } from '$server/policy.ts';
import { directoryOf } from '$server/referrals/outreach.server.ts';
import { eq } from 'drizzle-orm';
import { requireClient, requireTrainer } from '$lib/server/access.ts';
import { ClientForm } from '$lib/shared/forms/client-form.ts';
import { echo, readForm, parseForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { changeRemoval } from '$lib/server/removal-actions.ts';
import { createDocumentFromForm, kindChoices } from '$lib/server/new-document.ts';
import { services } from '$lib/server/services.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { outcomeSuggestionFor } from '$server/practice/outcome-prompts.ts';
import { dismissOutcomeAction, draftOutcomeReportAction } from '$lib/server/outcome-actions.ts';
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
	const outcome = await outcomeSuggestionFor(db, client);
	const [account] = client.userId ? await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, client.userId)).limit(1) : [];
	return {
		client,
		account,
		consent: { status: stateOf(history.at(-1), now).status, current: history.at(-1) ?? null, history },
		invitations: await Promise.all(
			(await listInvitations(db, client.id)).map(async (invitation) => {
				const mail = await mailByKey(db, `invitation:${invitation.id}`);
				return {
					id: invitation.id,
					createdAt: invitation.createdAt,
					expiresAt: invitation.expiresAt,
					status: invitationStatus(invitation, now),
					mailedTo: mail?.toAddress ?? null
				};
			})
		),
		documents: await listDocumentsOfClient(db, client.id),
		archivedDocuments: (await listArchivedDocumentsOfClient(db, client.id)).map(({ id, title, kind, archivedAt }) => ({ id, title, kind, archivedAt })),
		removal: { state: removalState(client), archivedAt: client.archivedAt, ...(await removalSummary(db, { kind: 'client', id: client.id })) },
		kindGroups: kindChoices(clientKinds),
		providers: ((await directoryOf(db, event.locals.user!.id)) ?? []).map(({ id, name, role, practiceName, email }) => ({
			id,
			name,
			role,
			practiceName,
			email
		})),
		providerRoles: providerRoles.map((role) => ({ role, label: providerRoleLabels[role] })),
		newDocumentId: randomUUID(),
		outcome: outcome && { ...outcome, draftId: randomUUID() }
	};
};

async function createDocumentAction(event: Event) {
	const client = await ownClient(event);
	return createDocumentFromForm(event, { clientId: client.id }, clientKinds);
}

const InviteForm = z.object({
	email: z.union([z.literal(''), z.email('Enter an email address such as name@example.com, or leave it empty to copy the link yourself.').max(254)]).default('')
});

/** The invitation's email, from the practice: Reply-To the trainer, so an answer reaches them. */
async function mailInvitation(
	event: Event,
	client: { id: string; name: string },
	invitation: { id: string; expiresAt: Date },
	to: string,
	url: string,
	resend = false
) {
	const trainer = event.locals.user!;
	return services().mailer.send({
		kind: 'invitation',
		ownerId: trainer.id,
		// Once per invitation; a resend is a message of its own.
		dedupeKey: resend ? undefined : `invitation:${invitation.id}`,
		to,
		toName: client.name,
		replyTo: trainer.email,
		...invitationMail({
			clientName: client.name,
			trainerName: trainer.name,
			practiceName: trainer.practiceName,
			url,
			expiresAt: invitation.expiresAt,
			format: await practiceFormat(services().db, trainer.id)
		})
	});
}

async function invite(event: Event) {
	const client = await ownClient(event);
	if (client.userId) return fail(400, { inviteError: `${client.name} already has an account linked to this record.` });
	const parsed = parseForm(InviteForm, readForm(await event.request.formData()));
	if (!parsed.ok) return fail(400, { inviteError: parsed.errors.email ?? 'Check the email address.' });
	const { db } = services();
	const { token, invitation } = await createInvitation(db, client.id, event.locals.user!.id);
	const invitationLink = `${event.url.origin}/invite/${token}`;
	// Stored first, mailed after: the invitation exists whatever the mail server does.
	const email = parsed.data.email;
	if (email) {
		await mailInvitation(event, client, invitation, email, invitationLink);
	}
	return { invitationLink, invitationMailedTo: email || null, mailConfigured: services().mailer.configured };
}

/** Sends a pending invitation's email again: the same link, from the Outbox's copy of it. */
async function resendInvite(event: Event) {
	const client = await ownClient(event);
	const { invitationId = '' } = readForm(await event.request.formData());
	const { db } = services();
	const invitation = (await listInvitations(db, client.id)).find((candidate) => candidate.id === invitationId);
	const mailed = invitation && (await mailByKey(db, `invitation:${invitation.id}`));
	if (!invitation || invitationStatus(invitation, Date.now()) !== 'pending' || !mailed || !mailed.link) {
		return fail(400, { inviteError: 'Only a pending invitation that was emailed can be sent again; invite again to make a new link.' });
	}
	await mailInvitation(event, client, invitation, mailed.toAddress, mailed.link, true);
	return { inviteResent: mailed.toAddress };
}

async function revokeInvite(event: Event) {
	const client = await ownClient(event);
	const { invitationId = '' } = readForm(await event.request.formData());
	if (!(await revokeInvitation(services().db, client.id, invitationId))) {
		return fail(400, { inviteError: 'That invitation was already used, revoked or does not exist.' });
	}
	return { inviteRevoked: true };
}

async function updateDetails(event: Event) {
	const client = await ownClient(event);
	const values = readForm(await event.request.formData());
	const parsed = parseForm(ClientForm, values);
	if (!parsed.ok) return fail(400, { editErrors: parsed.errors, editValues: echo(values) });
	if (!(await updateClient(services().db, client.id, parsed.data)))
		return fail(409, { editErrors: { form: 'This client was archived or deleted meanwhile; nothing was saved.' } as FieldErrors, editValues: echo(values) });
	return { detailsSaved: true };
}

const removal = (verb: 'archive' | 'delete' | 'restore') => (event: Event) =>
	changeRemoval(event, { kind: 'client', id: event.params.clientId ?? '' }, verb, () =>
		verb === 'delete' ? '/clients?removed=client' : `/clients/${event.params.clientId}`
	);

export const actions: Actions = {
	createDocument: createDocumentAction,
	invite,
	resendInvite,
	revokeInvite,
	updateDetails,
	archive: removal('archive'),
	delete: removal('delete'),
	restore: removal('restore'),
	dismissOutcome: dismissOutcomeAction,
	draftOutcomeReport: draftOutcomeReportAction
};
