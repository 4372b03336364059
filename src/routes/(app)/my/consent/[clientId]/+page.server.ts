import { error, fail, redirect } from '@sveltejs/kit';
import { appendConsentRecord, consentState, isoDate } from '$server/consent/records.ts';
import { trainerOf } from '$server/consent/linked-clients.ts';
import { DEFAULT_PURPOSE, parseConsentForm, type ConsentForm } from '$server/consent/terms.ts';
import { consentableKinds, defaultConsentKinds } from '$lib/shared/practice/document-kinds.ts';
import { canSignConsent } from '$server/policy.ts';
import { documentKindLabels, listDocumentsOfClient } from '$server/practice/documents.ts';
import { CONSENT_VERSION, consentText } from '$lib/shared/consent/text.ts';
import { actorOf, requireClient, requireUser } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { formList, readForm } from '$lib/shared/forms/parse.ts';
import { consentRequest, REQUEST_KIND, type ConsentRequest } from '$lib/shared/consent/request.ts';
import { directoryOf } from '$server/referrals/outreach.server.ts';

type Event = Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0];

async function ownRecord(event: Event) {
	requireUser(event);
	const { client } = await requireClient(event, event.params.clientId ?? '');
	if (!canSignConsent(actorOf(event), client)) error(404, 'Client not found');
	const { db } = services();
	return {
		client,
		trainer: await trainerOf(db, client),
		documents: (await listDocumentsOfClient(db, client.id, { includePrivate: false })).map((d) => ({ id: d.id, title: d.title })),
		kinds: consentableKinds.map((kind) => ({ kind, label: documentKindLabels[kind] }))
	};
}

function oneYearFrom(today: string): string {
	return `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
}

/**
 * A request from the trainer (an outcome suggestion's "Ask for consent"): the provider is looked up
 * in the trainer's directory by id, so the address carries no name; an unknown id asks nothing.
 */
async function requestOf(event: Parameters<PageServerLoad>[0], trainerId: string): Promise<ConsentRequest | null> {
	const params = event.url.searchParams;
	const providerId = params.get('provider') ?? '';
	if (params.get('request') !== REQUEST_KIND || !providerId || providerId.length > 100) return null;
	const provider = (await directoryOf(services().db, trainerId))?.find((candidate) => candidate.id === providerId);
	return provider ? consentRequest(provider) : null;
}

export const load: PageServerLoad = async (event) => {
	const { client, trainer, documents, kinds } = await ownRecord(event);
	const current = await consentState(services().db, client.id);
	const today = isoDate(Date.now());
	return {
		client: { id: client.id, name: client.name },
		accountName: event.locals.user!.name,
		trainer,
		documents,
		kinds,
		version: CONSENT_VERSION,
		today,
		current: current.status === 'active' ? current.record : null,
		request: await requestOf(event, client.trainerId),
		defaults: { purpose: DEFAULT_PURPOSE, expiresOn: oneYearFrom(today), kinds: [...defaultConsentKinds] as string[] }
	};
};

async function sign(event: Parameters<Actions[string]>[0]) {
	const { client, trainer, documents, kinds } = await ownRecord(event);
	const data = await event.request.formData();
	const fields = readForm(data);
	const text = (key: string) => fields[key] ?? '';
	const form: ConsentForm = {
		scope: text('scope'),
		kinds: formList(data, 'kinds'),
		documentIds: formList(data, 'documentIds'),
		recipientsMode: text('recipientsMode'),
		providers: text('providers'),
		purpose: text('purpose'),
		expiresOn: text('expiresOn'),
		expiryEvent: text('expiryEvent'),
		coEditing: fields.coEditing === 'on',
		read: fields.read === 'on',
		signatureName: text('signatureName')
	};
	const user = event.locals.user!;
	const now = Date.now();
	const parsed = parseConsentForm(form, {
		knownKinds: consentableKinds,
		knownDocumentIds: documents.map((d) => d.id),
		accountName: user.name,
		today: isoDate(now)
	});
	const values = { ...form, read: false, signatureName: form.signatureName };
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values });

	const { terms } = parsed;
	const fullText = consentText({
		clientName: client.name,
		trainerName: trainer.name,
		practiceName: trainer.practiceName,
		information:
			terms.information.scope === 'kinds'
				? { scope: 'kinds', items: terms.information.kinds.map((k) => kinds.find((x) => x.kind === k)?.label ?? k) }
				: { scope: 'documents', items: terms.information.documentIds.map((id) => documents.find((d) => d.id === id)?.title ?? id) },
		recipients: terms.recipients,
		purpose: terms.purpose,
		expiresOn: terms.expiresOn,
		expiryEvent: terms.expiryEvent,
		coEditing: terms.coEditing
	});
	// The browser showed the text built from the same choices; if it differs, the person read something else.
	if (text('shownText') !== fullText) {
		return fail(409, {
			errors: { form: 'The consent text changed while you were reading it. Please read it again and sign.' } as Record<string, string>,
			values
		});
	}

	await appendConsentRecord(services().db, {
		clientId: client.id,
		signedByUserId: user.id,
		action: 'grant',
		information: terms.information,
		discloser: trainer.practiceName ? `${trainer.name}, ${trainer.practiceName}` : trainer.name,
		recipients: terms.recipients,
		purpose: terms.purpose,
		expiresOn: terms.expiresOn,
		expiryEvent: terms.expiryEvent,
		coEditing: terms.coEditing,
		signatureName: terms.signatureName,
		signedAt: new Date(now),
		consentVersion: CONSENT_VERSION,
		consentText: fullText,
		ipAddress: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent')
	});
	redirect(303, '/my');
}

export const actions: Actions = { sign };
