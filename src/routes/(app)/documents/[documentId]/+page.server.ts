import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { documentNameFor } from '$lib/shared/collab/document-name.ts';
import { canMakeSample, removalState, threadAccess } from '$server/policy.ts';
import { makeSampleDocument, SampleRefusedError } from '$server/practice/sample-document.ts';
import { threadsOfDocument } from '$server/sharing/replies.ts';
import { documentKindInfo } from '$lib/shared/practice/document-kinds.ts';
import { isLetterKind } from '$lib/shared/referrals/outreach.ts';
import { renameDocument, setDocumentPrivate } from '$server/practice/documents.ts';
import { listLanguageRules, toLanguageRule } from '$server/practice/language-rules.ts';
import { removalSummary } from '$server/practice/removal.ts';
import { builtinRules } from '$lib/shared/language/rules.ts';
import { actorOf, requireDocument, requireTrainer } from '$lib/server/access.ts';
import { echo, readForm, parseForm } from '$lib/shared/forms/parse.ts';
import { changeRemoval } from '$lib/server/removal-actions.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const Rename = z.object({ title: z.string().min(1, 'Enter a title.').max(200, 'A title can be at most 200 characters.') });

export const load: PageServerLoad = async (event) => {
	const { document, client, access } = await requireDocument(event, event.params.documentId);
	const info = documentKindInfo[document.kind];
	const canEdit = access === 'write';
	// The language check is for the trainer's professional wording; a co-editing client is not nagged.
	const isTrainer = event.locals.user?.id === document.trainerId;
	return {
		document: { id: document.id, title: document.title, kind: info.label, private: document.private, letter: isLetterKind(document.kind) },
		client: client && { id: client.id, name: client.name, dateOfBirth: client.dateOfBirth },
		features: { measures: info.measures, slides: info.slides },
		collabName: documentNameFor(document.id),
		canEdit,
		canSample: info.clinicalReport === true && canMakeSample(actorOf(event), client, removalState(document, client)),
		removal: isTrainer
			? {
					state: removalState(document, client),
					ownState: removalState(document),
					...(await removalSummary(services().db, { kind: 'document', id: document.id }))
				}
			: null,
		// The practice's own rows follow the shipped ones, so they win a shared phrase.
		exchanges: isTrainer ? [] : await exchangesForClient(event, document.id),
		hintRules: canEdit && isTrainer ? [...builtinRules, ...(await listLanguageRules(services().db, document.trainerId)).map(toLanguageRule)] : undefined
	};
};

/**
 * What providers and the trainer wrote under this document's shared links, for the client it is
 * about: each thread whose provider their consent covers now (policy's threadAccess). The trainer
 * reads the threads on the sharing page instead.
 */
async function exchangesForClient(event: Parameters<PageServerLoad>[0], documentId: string) {
	const { db } = services();
	const actor = actorOf(event);
	const exchanges = [];
	for (const [linkId, messages] of await threadsOfDocument(db, documentId)) {
		const { access, link } = await threadAccess(db, actor, linkId);
		if (access === 'none' || !link) continue;
		exchanges.push({ linkId, providerName: link.providerName, messages: messages.map(({ readAt: _, ...message }) => message) });
	}
	return exchanges;
}

type Event = Parameters<Actions[string]>[0];

async function rename(event: Event) {
	const { document } = await requireDocument(event, event.params.documentId, 'write');
	const values = readForm(await event.request.formData());
	const parsed = parseForm(Rename, values);
	if (!parsed.ok) return fail(400, { renameErrors: parsed.errors, renameValues: echo(values) });
	await renameDocument(services().db, document.id, parsed.data.title);
	return { renamed: true };
}

/**
 * The trainer keeps a client's document as private working notes, or shows it to the client again.
 * The change to the row is an access change (drizzle/0009): the access watcher decides the client's
 * open editors and any provider's live view again, and closes them.
 */
async function setPrivate(event: Event) {
	requireTrainer(event);
	const { document, client } = await requireDocument(event, event.params.documentId ?? '', 'write');
	if (!client) return fail(400, { message: 'A practice document is never shown to a client, so it has no private setting.' });
	const isPrivate = readForm(await event.request.formData()).private === 'on';
	await setDocumentPrivate(services().db, document.id, isPrivate);
	return { privateChanged: isPrivate };
}

const removal = (verb: 'archive' | 'delete' | 'restore') => (event: Event) => {
	const id = event.params.documentId ?? '';
	return changeRemoval(event, { kind: 'document', id }, verb, (client) =>
		verb === 'delete' ? (client ? `/clients/${client.id}?removed=document` : '/documents?removed=document') : `/documents/${id}`
	);
};

/**
 * A de-identified copy of this report as a practice document (sample-document.ts). Refused, with
 * nothing stored, while anything of the client's would remain in it.
 */
async function sample(event: Event) {
	requireTrainer(event);
	const { document, client } = await requireDocument(event, event.params.documentId ?? '', 'write');
	if (!documentKindInfo[document.kind].clinicalReport || !canMakeSample(actorOf(event), client, removalState(document, client)) || !client)
		return fail(400, { sampleMessage: 'A sample is made from a report, assessment or discharge summary about a client in use.' });
	let created;
	try {
		created = await makeSampleDocument(services().db, document, client);
	} catch (error) {
		if (error instanceof SampleRefusedError) return fail(400, { sampleMessage: `${error.message} Change the report where the text names them and try again.` });
		throw error;
	}
	redirect(303, `/documents/${created.id}?sample=made`);
}

export const actions: Actions = { rename, setPrivate, sample, archive: removal('archive'), delete: removal('delete'), restore: removal('restore') };
