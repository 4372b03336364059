import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { documentKinds, type DocumentKind } from '$server/db/schema.ts';
import { documentKindInfo, kindGroupLabels, kindGroups, providerRoles } from '$lib/shared/practice/document-kinds.ts';
import { createDocumentOnce, DocumentIdTakenError, type DocumentOwner } from '$server/practice/documents.ts';
import { chooseProvider, isLetterKind, letterTouchpoint, trainerToday, type ProviderFieldNames } from '$lib/shared/referrals/outreach.ts';
import { directoryOf, recordOutreach } from '$server/referrals/outreach.server.ts';
import { OptionalDeviceId } from '$lib/shared/forms/client-form.ts';
import { optionalText, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { readProviderForm } from './provider-form.ts';
import { services } from './services.ts';

/** The new-document form's provider fields, which a pick from the directory fills. */
const providerFields: ProviderFieldNames = { name: 'providerName', role: 'providerRole', practiceName: 'providerClinic' };

function schemaFor(kinds: readonly DocumentKind[]) {
	return z.object({
		kind: z.enum(documentKinds, 'Choose a kind of document.').refine((kind) => kinds.includes(kind), 'Choose a kind of document from the list.'),
		title: optionalText(200, 'A title'),
		providerName: optionalText(120, 'The provider’s name'),
		providerRole: z.union([z.literal(''), z.enum(providerRoles)], 'Choose the provider’s role from the list.').optional(),
		providerClinic: optionalText(160, 'The provider’s practice'),
		private: z.literal('on').optional(),
		id: OptionalDeviceId
	});
}

/**
 * The kinds a form offers, grouped as the trainer thinks of them. Where a blank page is the only
 * client-record kind on offer (the practice's Documents area), it comes last, as "Other".
 */
export function kindChoices(kinds: readonly DocumentKind[]) {
	const groups = kindGroups
		.map((group) => ({
			label: kindGroupLabels[group],
			kinds: kinds
				.filter((kind) => documentKindInfo[kind].group === group)
				.map((kind) => {
					const info = documentKindInfo[kind];
					return { kind, label: info.label, summary: info.summary, provider: info.provider, audience: info.audience ?? null, letter: isLetterKind(kind) };
				})
		}))
		.filter((group) => group.kinds.length > 0);
	const [first, ...rest] = groups;
	if (first && rest.length > 0 && first.kinds.every((choice) => choice.kind === 'blank')) return [...rest, { ...first, label: 'Other' }];
	return groups;
}

/**
 * Creates a document of one of `kinds` for `owner` from the new-document form, logs the letter on
 * the provider's timeline when one was picked or added, and opens it. Shared by a client's page and
 * the practice's Documents area, which offer different kinds.
 */
export async function createDocumentFromForm(event: Pick<RequestEvent, 'request' | 'locals'>, owner: DocumentOwner, kinds: readonly DocumentKind[]) {
	const trainerId = event.locals.user!.id;
	const { db, collab } = services();
	const directory = await directoryOf(db, trainerId);
	const form = await readProviderForm(event.request, directory, schemaFor(kinds), providerFields);
	if (!form.ok) return form.failure;
	const { values, picked } = form;
	const { kind, title, providerName, providerRole, providerClinic, id } = form.data;
	let made;
	try {
		// The form carries an id chosen on the device: sent twice (kept offline, resent), one document.
		made = await createDocumentOnce(
			db,
			owner,
			{
				kind,
				title,
				provider: { name: providerName, role: providerRole || undefined, clinic: providerClinic },
				private: 'clientId' in owner && form.data.private === 'on'
			},
			{ id }
		);
	} catch (caught) {
		if (!(caught instanceof DocumentIdTakenError)) throw caught;
		return fail(409, { errors: { form: 'This form was already used for another record. Reload the page and try again.' } as FieldErrors, values });
	}
	const { document, created } = made;
	const touchpoint = created ? letterTouchpoint(kind, document.title) : null;
	if (touchpoint) {
		// The letter exists now, whatever happens to the touchpoint: recordOutreach logs its own failures.
		const choice = chooseProvider(directory, {
			directoryProviderId: picked?.id ?? '',
			addToDirectory: values.addToDirectory === 'on',
			typed: { name: providerName ?? '', role: documentKindInfo[kind].audience ?? (providerRole || ''), practiceName: providerClinic ?? '', email: '' }
		});
		if (choice.ok) await recordOutreach(collab.hocuspocus, trainerId, choice.choice, { ...touchpoint, date: trainerToday(values.today, new Date()) });
	}
	redirect(303, `/documents/${document.id}`);
}
