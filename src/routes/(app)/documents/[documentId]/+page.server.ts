import { fail } from '@sveltejs/kit';
import { documentNameFor } from '$server/collab/document-name.ts';
import { documentKindInfo } from '$server/practice/document-kinds.ts';
import { setDocumentPrivate } from '$server/practice/documents.ts';
import { listLanguageRules, toLanguageRule } from '$server/practice/language-rules.ts';
import { builtinRules } from '$lib/language/rules.ts';
import { requireDocument, requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { document, client, access } = requireDocument(event, event.params.documentId);
	const info = documentKindInfo[document.kind];
	const canEdit = access === 'write';
	// The language check is for the trainer's professional wording; a co-editing client is not nagged.
	const isTrainer = event.locals.user?.id === document.trainerId;
	return {
		document: { id: document.id, title: document.title, kind: info.label, private: document.private },
		client: client && { id: client.id, name: client.name, dateOfBirth: client.dateOfBirth },
		features: { measures: info.measures, slides: info.slides },
		collabName: documentNameFor(document.id),
		canEdit,
		// The practice's own rows follow the shipped ones, so they win a shared phrase.
		hintRules: canEdit && isTrainer ? [...builtinRules, ...listLanguageRules(services().db, document.trainerId).map(toLanguageRule)] : undefined
	};
};

/**
 * The trainer keeps a client's document as private working notes, or shows it to the client again.
 * The change to the row is an access change (drizzle/0009): the access watcher decides the client's
 * open editors and any provider's live view again, and closes them.
 */
async function setPrivate(event: Parameters<Actions[string]>[0]) {
	requireTrainer(event);
	const { document, client } = requireDocument(event, event.params.documentId ?? '', 'write');
	if (!client) return fail(400, { message: 'A practice document is never shown to a client, so it has no private setting.' });
	const isPrivate = (await event.request.formData()).get('private') === 'on';
	setDocumentPrivate(services().db, document.id, isPrivate);
	return { privateChanged: isPrivate };
}

export const actions: Actions = { setPrivate };
