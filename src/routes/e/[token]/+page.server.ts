import { fail } from '@sveltejs/kit';
import { answerInvitation, practiceToday } from '$server/referrals/events.server.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { answersOpen, InvitationAnswerForm, ANSWER_NOTE_MAX } from '$lib/shared/referrals/events.ts';
import { requireInvitation } from '$lib/server/invitation-request.ts';
import { practiceLine } from '$lib/server/share-request.ts';
import { echo, parseForm, readForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { invitation, event: planned, trainer } = await requireInvitation(event);
	const { db } = services();
	return {
		practice: practiceLine(trainer),
		trainerName: trainer.name,
		providerName: invitation.providerName,
		event: {
			kind: planned.kind,
			title: planned.title,
			date: planned.date,
			startTime: planned.startTime,
			location: planned.location,
			description: planned.description
		},
		open: answersOpen(planned.date, await practiceToday(db, planned.trainerId)),
		answer: invitation.response ? { response: invitation.response, note: invitation.responseNote ?? '' } : null,
		noteMax: ANSWER_NOTE_MAX,
		// The practice's way of writing dates, as on a share page.
		format: await practiceFormat(db, planned.trainerId)
	};
};

/**
 * The provider says whether they are coming, with an optional note; no account. A plain form post
 * works as well as the enhanced one. Five answers per invitation in ten minutes.
 */
async function answer(event: Parameters<Actions[string]>[0]) {
	const open = await requireInvitation(event, { headers: false });
	const { db, mailer, replyThrottle } = services();
	const values = readForm(await event.request.formData());
	if (!answersOpen(open.event.date, await practiceToday(db, open.event.trainerId))) {
		return fail(400, {
			errors: { form: `The event has begun, so answers are closed. Write to ${open.trainer.name} directly.` } as FieldErrors,
			values: echo(values)
		});
	}
	const parsed = parseForm(InvitationAnswerForm, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const key = `invitation:${open.invitation.id}`;
	const throttle = await replyThrottle.check(key);
	if (!throttle.allowed) {
		const minutes = Math.max(1, Math.ceil(throttle.retryAfterSeconds / 60));
		const message = `Several answers were sent on this invitation in a short time. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
		return fail(429, { errors: { form: message } as FieldErrors, values: echo(values) });
	}
	await replyThrottle.fail(key);
	await answerInvitation(db, mailer, open, parsed.data, event.url.origin);
	return { answered: parsed.data.response };
}

export const actions: Actions = { answer };
