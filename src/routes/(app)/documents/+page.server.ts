import { randomUUID } from 'node:crypto';
import { practiceKinds, providerRoleLabels, providerRoles } from '$lib/shared/practice/document-kinds.ts';
import { listPracticeDocuments } from '$server/practice/documents.ts';
import { directoryOf } from '$server/referrals/outreach.server.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { createDocumentFromForm, kindChoices } from '$lib/server/new-document.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

/** The practice's own documents: letters, forms and outreach materials, which no client sees. */
export const load: PageServerLoad = async (event) => {
	const trainer = requireTrainer(event);
	const { db } = services();
	return {
		documents: await listPracticeDocuments(db, trainer.id),
		kindGroups: kindChoices(practiceKinds),
		providers: ((await directoryOf(db, trainer.id)) ?? []).map(({ id, name, role, practiceName, email }) => ({ id, name, role, practiceName, email })),
		providerRoles: providerRoles.map((role) => ({ role, label: providerRoleLabels[role] })),
		newDocumentId: randomUUID()
	};
};

export const actions: Actions = {
	createDocument: async (event) => {
		const trainer = requireTrainer(event);
		return createDocumentFromForm(event, { trainerId: trainer.id }, practiceKinds);
	}
};
