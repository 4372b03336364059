import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { formatDate } from '$lib/shared/format.ts';
import { outcomeTable } from '$lib/shared/measures/outcome-summary-table.ts';
import { documentKindLabels, listPracticeDocuments } from '$server/practice/documents.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { practiceOutcomes } from '$server/practice/outcome-summary.ts';
import { appendBlocks } from '$server/practice/append-blocks.ts';
import { canPlaceOutcomeSummary, removalState } from '$server/policy.ts';
import { outcomeSummaryBlocks } from '$server/templates/outcome-summary.ts';
import { actorOf, requireDocument, requirePractice } from '$lib/server/access.ts';
import { parseForm, readForm } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

/** The trainer's own documents the summary can be placed in: service overviews and talks. */
async function placeable(event: Parameters<PageServerLoad>[0]) {
	const user = requirePractice(event);
	const actor = actorOf(event);
	return (await listPracticeDocuments(services().db, user.id))
		.filter((document) => canPlaceOutcomeSummary(actor, document, removalState(document)))
		.map((document) => ({ id: document.id, title: document.title, kind: documentKindLabels[document.kind] }));
}

export const load: PageServerLoad = async (event) => {
	const user = requirePractice(event);
	const { db } = services();
	const summary = await practiceOutcomes(db, user.id);
	return {
		// Plain data for the page: the definitions stay in the shared catalogue the page imports.
		summary: {
			minimumGroup: summary.minimumGroup,
			measures: summary.measures.map((outcome) => ({
				measureId: outcome.measure.id,
				label: outcome.label,
				unit: outcome.unit,
				direction: outcome.direction,
				mid: outcome.mid,
				midLabel: outcome.measure.meaningfulChange?.label ?? null,
				groups: outcome.groups
			}))
		},
		documents: await placeable(event)
	};
};

const Place = z.object({ documentId: z.string().uuid('Choose a service overview or a Lunch & Learn.') });

async function place(event: Parameters<Actions[string]>[0]) {
	const user = requirePractice(event);
	const values = readForm(await event.request.formData(), { documentId: { max: 64 } });
	const parsed = parseForm(Place, values);
	if (!parsed.ok) return fail(400, { place: { message: parsed.errors.documentId ?? 'Choose a document.' } });
	const { document } = await requireDocument(event, parsed.data.documentId, 'write');
	if (!canPlaceOutcomeSummary(actorOf(event), document, removalState(document)))
		return fail(400, { place: { message: 'The summary goes into a service overview or a Lunch & Learn of your practice.' } });
	const { db, collab } = services();
	const format = await practiceFormat(db, user.id);
	const table = outcomeTable(await practiceOutcomes(db, user.id), format);
	await appendBlocks(collab.hocuspocus, actorOf(event), document.id, outcomeSummaryBlocks(table, `As of ${formatDate(new Date(), format, 'long')}`));
	return { place: { saved: `The outcome summary was added at the end of “${document.title}”.`, documentId: document.id } };
}

export const actions: Actions = { place };
