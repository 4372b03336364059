import { fail } from '@sveltejs/kit';
import { attended, invitationsOf, inviteProviders, markAttendance, practiceToday } from '$server/referrals/events.server.ts';
import { directoryOf } from '$server/referrals/outreach.server.ts';
import { INVITES_PER_SUBMISSION } from '$lib/shared/referrals/events.ts';
import { requireEvent } from '$lib/server/access.ts';
import { formList, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Bounds one submission; no event has more invitations than a directory has providers. */
const MAX_MARKED = 500;

export const load: PageServerLoad = async (request) => {
	const { trainer, event } = await requireEvent(request, request.params.eventId);
	const { db } = services();
	const invitations = await invitationsOf(db, event.id);
	const invited = new Set(invitations.map((i) => i.directoryProviderId));
	const directory = await directoryOf(db, trainer.id);
	return {
		event,
		today: await practiceToday(db, trainer.id),
		invitations: invitations.map((i) => ({
			id: i.id,
			providerId: i.directoryProviderId,
			providerName: i.providerName,
			emailed: i.providerEmail !== null,
			response: i.response,
			responseNote: i.responseNote,
			respondedAt: i.respondedAt,
			attended: attended(i)
		})),
		// Null when the directory could not be read: the page says so rather than offering nobody.
		uninvited: directory && directory.filter((p) => !invited.has(p.id)).map((p) => ({ id: p.id, name: p.name, practiceName: p.practiceName, email: p.email }))
	};
};

async function invite(request: RequestEvent) {
	const { trainer, event } = await requireEvent(request, request.params.eventId);
	const { db, mailer } = services();
	const chosen = [...new Set(formList(await request.request.formData(), 'providerId'))];
	if (chosen.length === 0) return fail(400, { errors: { providerId: 'Choose at least one provider to invite.' } as FieldErrors });
	if (chosen.length > INVITES_PER_SUBMISSION) {
		return fail(400, { errors: { providerId: `Invite up to ${INVITES_PER_SUBMISSION} providers at a time.` } as FieldErrors });
	}
	const directory = await directoryOf(db, trainer.id);
	if (directory === null) return fail(503, { errors: { form: 'Your directory could not be read just now. Try again in a moment.' } as FieldErrors });
	const providers = directory.filter((p) => chosen.includes(p.id));
	if (providers.length !== chosen.length) {
		return fail(400, { errors: { providerId: 'A provider you chose is no longer in your directory. Choose again.' } as FieldErrors });
	}
	const result = await inviteProviders(db, mailer, event, trainer, providers, request.url.origin);
	return { invited: result };
}

async function attendance(request: RequestEvent) {
	const { event } = await requireEvent(request, request.params.eventId);
	const { db, collab } = services();
	const ids = [...new Set(formList(await request.request.formData(), 'attended'))];
	if (ids.length === 0) return fail(400, { errors: { attended: 'Tick the providers who came.' } as FieldErrors });
	if (ids.length > MAX_MARKED) return fail(400, { errors: { attended: `Mark up to ${MAX_MARKED} providers at a time.` } as FieldErrors });
	if ((await practiceToday(db, event.trainerId)) < event.date) {
		return fail(400, { errors: { attended: 'Mark who came on the day of the event or after it.' } as FieldErrors });
	}
	const known = new Set((await invitationsOf(db, event.id)).map((i) => i.id));
	if (ids.some((id) => !known.has(id))) return fail(400, { errors: { attended: 'Tick providers invited to this event only.' } as FieldErrors });
	const marked = await markAttendance(db, collab.hocuspocus, event, ids);
	return { marked };
}

export const actions: Actions = { invite, attendance };
