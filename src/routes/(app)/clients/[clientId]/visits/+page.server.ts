import { fail } from '@sveltejs/kit';
import { visitBriefAccess } from '$server/policy.ts';
import { practiceToday } from '$server/referrals/events.server.ts';
import { directoryOf } from '$server/referrals/outreach.server.ts';
import { recordVisit, visitsOfClient } from '$server/sharing/visit-brief.ts';
import { visitSchema } from '$lib/shared/referrals/events.ts';
import { actorOf, requireClient, requireTrainer } from '$lib/server/access.ts';
import { echo, parseForm, readForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Appointments kept per client: a runaway script stops here, a trainer never gets near it. */
const MAX_VISITS = 500;

async function ownClient(event: RequestEvent | Parameters<PageServerLoad>[0], need: 'read' | 'write') {
	requireTrainer(event);
	return (await requireClient(event, event.params.clientId, need)).client;
}

export const load: PageServerLoad = async (event) => {
	const client = await ownClient(event, 'read');
	const { db } = services();
	const visits = await visitsOfClient(db, client.id);
	return {
		client: { id: client.id, name: client.name, archived: client.archivedAt !== null },
		today: await practiceToday(db, client.trainerId),
		visits: await Promise.all(
			visits.map(async (visit) => {
				// Asked afresh for every visit: consent may name one provider and not another.
				const decision = await visitBriefAccess(db, actorOf(event), visit.id);
				return {
					id: visit.id,
					providerName: visit.providerName,
					date: visit.date,
					questions: visit.questions,
					brief:
						decision.access === 'allowed'
							? ({ ok: true } as const)
							: { ok: false as const, reason: decision.access === 'refused' ? decision.reason : 'This client’s records are read only.' }
				};
			})
		),
		providers: ((await directoryOf(db, client.trainerId)) ?? []).map(({ id, name, practiceName }) => ({ id, name, practiceName }))
	};
};

async function record(event: RequestEvent) {
	const client = await ownClient(event, 'write');
	const { db, collab } = services();
	const values = readForm(await event.request.formData());
	const parsed = parseForm(visitSchema(await practiceToday(db, client.trainerId)), values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const directory = await directoryOf(db, client.trainerId);
	if (directory === null)
		return fail(503, { errors: { form: 'Your directory could not be read just now. Try again in a moment.' } as FieldErrors, values: echo(values) });
	const provider = directory.find((p) => p.id === parsed.data.directoryProviderId);
	if (!provider)
		return fail(400, { errors: { directoryProviderId: 'That provider is no longer in your directory. Choose again.' } as FieldErrors, values: echo(values) });
	if ((await visitsOfClient(db, client.id)).length >= MAX_VISITS) {
		return fail(400, { errors: { form: `${client.name} has ${MAX_VISITS} appointments recorded, the most kept.` } as FieldErrors, values: echo(values) });
	}
	const visit = await recordVisit(db, collab.hocuspocus, client, provider, parsed.data);
	return { recorded: { id: visit.id, providerName: visit.providerName, touchpoint: visit.touchpointId !== null } };
}

export const actions: Actions = { record };
