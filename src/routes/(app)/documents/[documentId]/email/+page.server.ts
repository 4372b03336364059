import { randomUUID } from 'node:crypto';
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { consentState } from '$server/consent/records.ts';
import { loadStoredDocument } from '$server/collab/stored-document.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { formatDate } from '$lib/shared/format.ts';
import type { Document } from '$server/db/schema.ts';
import { letterMail, documentText } from '$server/mail/messages/letter.ts';
import { consentCovers } from '$server/sharing/coverage.ts';
import { documentPdf } from '$server/sharing/document-pdf.ts';
import { missingConfirmation, preShareReview } from '$server/sharing/pre-share.ts';
import { documentHTML, documentJSON } from '$server/sharing/render.ts';
import { isLetterKind, trainerToday } from '$lib/shared/referrals/outreach.ts';
import { directoryOf, recordOutreach } from '$server/referrals/outreach.server.ts';
import { requireDocument, requireTrainer } from '$lib/server/access.ts';
import { echo, readForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const SendLetter = z.object({
	directoryProviderId: z.string().min(1, 'Choose who receives the letter.'),
	subject: z.string().trim().min(1, 'Enter a subject.').max(200, 'Keep the subject under 200 characters.'),
	// Chosen when the page was drawn: the same form sent twice queues one message.
	sendId: z.uuid('Reload the page and send again.')
});

type Event = Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0];

async function ownLetter(event: Event) {
	requireTrainer(event);
	const found = await requireDocument(event, event.params.documentId ?? '', 'write');
	if (!isLetterKind(found.document.kind)) error(404, 'Only letters to a provider are emailed from here; share other documents by link.');
	return found;
}

/** A letter in a client's record says something about them: it goes only as their consent allows. */
async function consentBlock(document: Document, providerName: string): Promise<string | null> {
	if (document.private) return 'These are private working notes: make them visible to the client before sending them.';
	if (!document.clientId) return null;
	const coverage = consentCovers(await consentState(services().db, document.clientId), document, providerName);
	if (!coverage.ok) return coverage.reason;
	if (coverage.needsClientApproval)
		return 'The client’s consent asks them to approve each sharing: share this letter by link instead, which waits for their approval.';
	return null;
}

export const load: PageServerLoad = async (event) => {
	const { document } = await ownLetter(event);
	const directory = (await directoryOf(services().db, event.locals.user!.id)) ?? [];
	return {
		document: { id: document.id, title: document.title },
		review: await preShareReview(services().db, document),
		providers: directory.filter((p) => p.email).map(({ id, name, practiceName, email }) => ({ id, name, practiceName, email })),
		sendId: randomUUID()
	};
};

export const actions: Actions = {
	send: async (event) => {
		const { document, client } = await ownLetter(event);
		const trainer = event.locals.user!;
		const { db, collab, mailer } = services();
		const values = readForm(await event.request.formData());
		const parsed = SendLetter.safeParse(values);
		if (!parsed.success) {
			const errors: FieldErrors = {};
			for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
			return fail(400, { errors, values: echo(values) });
		}
		const provider = (await directoryOf(db, trainer.id))?.find((p) => p.id === parsed.data.directoryProviderId && p.email);
		if (!provider)
			return fail(400, {
				errors: { directoryProviderId: 'Choose a provider from your directory who has an email address.' } as FieldErrors,
				values: echo(values)
			});
		const blocked = await consentBlock(document, provider.name);
		if (blocked) return fail(400, { errors: { form: blocked } as FieldErrors, values: echo(values) });
		const missing = missingConfirmation(await preShareReview(db, document), {
			confirmPrompts: values.confirmPrompts === 'on',
			confirmNamesClient: values.confirmNamesClient === 'on'
		});
		if (missing) return fail(400, { errors: { review: missing } as FieldErrors, values: echo(values) });

		const format = await practiceFormat(db, trainer.id);
		const doc = await loadStoredDocument(db, document.id);
		let content, pdf: Buffer;
		try {
			content = letterMail({
				subject: parsed.data.subject,
				html: documentHTML(doc),
				text: documentText(documentJSON(doc)),
				trainerName: trainer.name,
				practiceName: trainer.practiceName
			});
			pdf = await documentPdf(
				doc,
				{ ...document, trainer: { name: trainer.name, practiceName: trainer.practiceName }, client: client ?? null },
				formatDate(new Date(), format, 'long'),
				'LETTER',
				format
			);
		} finally {
			doc.destroy();
		}
		const filename = `${document.title.replace(/[^\p{L}\p{N} ,.()-]+/gu, '').slice(0, 120) || 'Letter'}.pdf`;
		const queued = await mailer.send({
			kind: 'letter',
			ownerId: trainer.id,
			dedupeKey: `letter:${parsed.data.sendId}`,
			to: provider.email,
			toName: provider.name,
			replyTo: trainer.email,
			attachments: [{ filename, contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
			...content
		});
		// Sent before (the same form twice): the touchpoint was logged then.
		if (!queued) return { sent: { to: provider.email, providerName: provider.name, status: 'pending', logged: null } };
		const recorded = await recordOutreach(
			collab.hocuspocus,
			trainer.id,
			{ kind: 'directory', provider },
			{
				kind: 'letter_email',
				outcome: `Letter emailed to ${provider.email}: ${document.title}`,
				source: 'document',
				date: trainerToday(values.today, new Date())
			}
		);
		return { sent: { to: provider.email, providerName: provider.name, status: queued.status, logged: recorded && { providerId: recorded.providerId } } };
	}
};
