import { documentNameFor } from '$lib/shared/collab/document-name.ts';
import { loadStoredDocument } from '$server/collab/stored-document.ts';
import { documentKindInfo } from '$lib/shared/practice/document-kinds.ts';
import { measuresOf } from '$server/practice/document-measures.ts';
import { documentHTML } from '$server/sharing/render.ts';
import { listSentVersions } from '$server/sharing/versions.ts';
import { postProviderReply, recordReplyTouchpoint, threadOf } from '$server/sharing/replies.ts';
import { ProviderReplyForm } from '$lib/shared/sharing/replies.ts';
import { practiceLine, requireShare, requireShareReply } from '$lib/server/share-request.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { readProfile } from '$server/practice/profile.ts';
import { aboutTrainerHTML } from '$server/sharing/about-trainer.ts';
import { echo, readForm, parseForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { share, audit } = await requireShare(event);
	const { db } = services();
	const doc = await loadStoredDocument(db, share.document.id);
	const html = documentHTML(doc);
	const outcomes = documentKindInfo[share.document.kind].measures ? measuresOf(doc) : null;
	doc.destroy();
	await audit('view');
	return {
		practice: practiceLine(share.trainer),
		trainerName: share.trainer.name,
		clientName: share.client?.name ?? null,
		title: share.document.title,
		updatedAt: share.document.updatedAt,
		providerName: share.link.providerName,
		html,
		outcomes,
		dateOfBirth: share.client?.dateOfBirth ?? null,
		// The practice's way of writing dates: the provider reads the report as the practice wrote it.
		format: await practiceFormat(services().db, share.document.trainerId),
		versions: await listSentVersions(db, share.document.id),
		collabName: documentNameFor(share.document.id),
		// The provider's thread with the trainer: shown only while the link opens (a revoked one 404s above).
		thread: await threadOf(db, share.link.id),
		// The trainer's own profile, which names no client: escaped HTML, rendered here once.
		aboutTrainer: aboutTrainerHTML(share.trainer.name, practiceLine(share.trainer), await readProfile(db, share.document.trainerId))
	};
};

/**
 * The provider answers under the report: acknowledges it, asks a question or gives input. Plain
 * text, no account; 5 messages per link in 10 minutes. Works as a plain form post.
 */
async function reply(event: Parameters<Actions[string]>[0]) {
	const { share, meta } = await requireShareReply(event);
	const { db, mailer, collab, replyThrottle } = services();
	const values = readForm(await event.request.formData());
	const parsed = parseForm(ProviderReplyForm, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const throttle = await replyThrottle.check(share.link.id);
	if (!throttle.allowed) {
		const minutes = Math.max(1, Math.ceil(throttle.retryAfterSeconds / 60));
		const message = `Several messages were sent on this link in a short time. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}; what you wrote is kept below.`;
		return fail(429, { errors: { form: message } as FieldErrors, values: echo(values) });
	}
	await replyThrottle.fail(share.link.id);
	const stored = await postProviderReply(db, mailer, share, parsed.data, meta);
	await recordReplyTouchpoint(db, collab.hocuspocus, share, stored);
	return { sent: { kind: stored.kind } };
}

export const actions: Actions = { reply };

// The page is server-rendered only: no SvelteKit client, no hydration. It reads and answers as plain
// HTML; its one script (src/lib/sharing/share-page-live.svelte.ts) loads after the first paint.
export const csr = false;
