import { documentNameFor } from '$server/collab/document-name.ts';
import { documentKindInfo } from '$server/practice/document-kinds.ts';
import { listLanguageRules, toLanguageRule } from '$server/practice/language-rules.ts';
import { builtinRules } from '$lib/language/rules.ts';
import { requireDocument } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { document, client, access } = requireDocument(event, event.params.documentId);
	const info = documentKindInfo[document.kind];
	const canEdit = access === 'write';
	// The language check is for the trainer's professional wording; a co-editing client is not nagged.
	const isTrainer = event.locals.user?.id === client.trainerId;
	return {
		document: { id: document.id, title: document.title, kind: info.label },
		client: { id: client.id, name: client.name, dateOfBirth: client.dateOfBirth },
		features: { measures: info.measures, slides: info.slides },
		collabName: documentNameFor(document.id),
		canEdit,
		// The practice's own rows follow the shipped ones, so they win a shared phrase.
		hintRules: canEdit && isTrainer ? [...builtinRules, ...listLanguageRules(services().db, client.trainerId).map(toLanguageRule)] : undefined
	};
};
