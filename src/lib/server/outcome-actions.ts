import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { DocumentIdTakenError } from '$server/practice/documents.ts';
import { dismissOutcomes, draftOutcomeReport, OutcomeNotCoveredError } from '$server/practice/outcome-prompts.ts';
import { OptionalDeviceId } from '$lib/shared/forms/client-form.ts';
import { formList, readForm } from '$lib/shared/forms/parse.ts';
import { requireClient, requireTrainer } from './access.ts';
import { services } from './services.ts';

/**
 * The two things a trainer does with an outcome suggestion, from the home screen or the client's
 * page. Asking for consent is not here: it is a page (/clients/:id/consent-request) that sends
 * nothing. The client comes from the form on the home screen, so it is checked like any id.
 */

type Event = RequestEvent;

/** A suggestion holds a handful of improvements; keys are short. More is not a person's form. */
const MAX_KEYS = 40;
const MAX_KEY_LENGTH = 200;

async function clientOf(event: Event, form: FormData) {
	requireTrainer(event);
	const clientId = event.params.clientId ?? readForm(form).clientId ?? '';
	return (await requireClient(event, clientId, 'write')).client;
}

export async function dismissOutcomeAction(event: Event) {
	const form = await event.request.formData();
	const client = await clientOf(event, form);
	const keys = formList(form, 'key');
	if (keys.length === 0 || keys.length > MAX_KEYS || keys.some((key) => key.length > MAX_KEY_LENGTH)) {
		return fail(400, { outcomeError: 'That suggestion could not be read. Reload the page and try again.' });
	}
	if (!(await dismissOutcomes(services().db, client, keys))) {
		return fail(409, { outcomeError: 'That suggestion was already dismissed or acted on.' });
	}
	return { outcomeDismissed: client.name };
}

export async function draftOutcomeReportAction(event: Event) {
	const form = await event.request.formData();
	const client = await clientOf(event, form);
	const fields = readForm(form);
	const documentId = OptionalDeviceId.safeParse(fields.documentId ?? '');
	const providerId = (fields.providerId ?? '').slice(0, 100);
	if (!documentId.success || !documentId.data) return fail(400, { outcomeError: 'That form could not be read. Reload the page and try again.' });
	let document;
	try {
		document = await draftOutcomeReport(services().db, client, { documentId: documentId.data, ...(providerId ? { providerId } : {}) });
	} catch (caught) {
		if (caught instanceof OutcomeNotCoveredError) return fail(409, { outcomeError: caught.message });
		if (caught instanceof DocumentIdTakenError)
			return fail(409, { outcomeError: 'This form was already used for another record. Reload the page and try again.' });
		throw caught;
	}
	redirect(303, `/documents/${document.id}`);
}
