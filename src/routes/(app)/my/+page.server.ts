import { error, fail } from '@sveltejs/kit';
import { consentHistory, stateOf } from '$server/consent/records.ts';
import { changeConsent, NothingToRevokeError } from '$server/consent/revoke.ts';
import { clientRecordsOfUser } from '$server/consent/linked-clients.ts';
import { canSignConsent } from '$server/policy.ts';
import { listArchivedDocumentsOfClient, listDocumentsOfClient } from '$server/practice/documents.ts';
import { cancelMail } from '$server/mail/outbox.ts';
import { shareMailKeys } from '$server/mail/messages/share-link.ts';
import { decideLink, pendingApprovals } from '$server/sharing/links.ts';
import { actorOf, requireClient, requireUser } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/shared/forms/parse.ts';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (user.role !== 'client') redirect(303, '/clients');
	const { db } = services();
	const now = Date.now();
	const linked = await clientRecordsOfUser(db, user.id);
	return {
		records: await Promise.all(
			linked.map(async ({ client, trainerName, practiceName }) => {
				const history = await consentHistory(db, client.id);
				const state = stateOf(history.at(-1), now);
				return {
					client: { id: client.id, name: client.name },
					trainerName,
					practiceName,
					consent: { status: state.status, coEditing: state.coEditing, current: state.record ?? null, history },
					approvals: state.sharing
						? (await pendingApprovals(db, client.id)).map(({ link, title }) => ({
								id: link.id,
								title,
								providerName: link.providerName,
								providerRole: link.providerRole,
								providerPractice: link.providerPractice,
								expiresAt: link.expiresAt
							}))
						: [],
					// The client always reads the records about them, archived ones too; consent decides whether they also edit.
					documents: [
						...(await listDocumentsOfClient(db, client.id, { includePrivate: false })),
						...(await listArchivedDocumentsOfClient(db, client.id)).filter((d) => !d.private)
					].map((d) => ({ id: d.id, title: d.title, updatedAt: d.updatedAt }))
				};
			})
		)
	};
};

async function change(event: Parameters<Actions[string]>[0], what: 'all' | 'co-editing') {
	const user = requireUser(event);
	const { clientId = '' } = readForm(await event.request.formData());
	const { client } = await requireClient(event, clientId);
	if (!canSignConsent(actorOf(event), client)) error(404, 'Client not found');
	const { db } = services();
	try {
		await changeConsent(db, {
			client,
			userId: user.id,
			signatureName: user.name,
			what,
			ipAddress: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent') ?? undefined
		});
	} catch (caught) {
		if (caught instanceof NothingToRevokeError) return fail(400, { clientId, message: caught.message });
		throw caught;
	}
	return { clientId, changed: what };
}

async function decide(event: Parameters<Actions[string]>[0]) {
	requireUser(event);
	const { clientId = '', decision: asked, linkId = '' } = readForm(await event.request.formData());
	const { client } = await requireClient(event, clientId);
	if (!canSignConsent(actorOf(event), client)) error(404, 'Client not found');
	const decision = asked === 'approve' ? 'approve' : 'decline';
	const { db, mailer } = services();
	if (!(await decideLink(db, client.id, linkId, decision))) {
		return fail(400, { clientId, message: 'That request was already decided or withdrawn.' });
	}
	// An email the trainer queued with the link waited for this decision (see the sharing page).
	for (const key of shareMailKeys(linkId)) {
		if (decision === 'approve') await mailer.release(key);
		else await cancelMail(db, key, `${client.name} declined the link, so it was not sent.`);
	}
	return { clientId, decided: decision };
}

export const actions: Actions = {
	decide,
	revoke: (event) => change(event, 'all'),
	withdrawCoEditing: (event) => change(event, 'co-editing')
};
