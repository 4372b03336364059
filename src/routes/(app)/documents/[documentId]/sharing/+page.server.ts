import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { consentState } from '$server/consent/records.ts';
import { providerRoles, type Document } from '$server/db/schema.ts';
import { missingConfirmation, preShareReview } from '$server/sharing/pre-share.ts';
import { consentCovers } from '$server/sharing/coverage.ts';
import { chooseProvider, shareLinkTouchpoint, trainerToday, type ProviderFieldNames } from '$lib/shared/referrals/outreach.ts';
import { directoryOf, recordOutreach } from '$server/referrals/outreach.server.ts';
import {
	attachDirectoryProvider,
	createShareLink,
	defaultExpiry,
	linkStatus,
	listLinksOfDocument,
	NotCoveredError,
	revokeLink
} from '$server/sharing/links.ts';
import { listSentVersions, markSent } from '$server/sharing/versions.ts';
import { shareLinkMail, shareMailKeys } from '$server/mail/messages/share-link.ts';
import { cancelMail } from '$server/mail/outbox.ts';
import type { MailAttachment } from '$server/db/mail-schema.ts';
import { loadStoredDocument } from '$server/collab/stored-document.ts';
import { documentPdf } from '$server/sharing/document-pdf.ts';
import { markThreadsRead, postTrainerReply, threadsOfDocument } from '$server/sharing/replies.ts';
import { threadAccess } from '$server/policy.ts';
import { TrainerReplyForm } from '$lib/shared/sharing/replies.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { formatDateTime, formatZone } from '$lib/shared/format.ts';
import { actorOf, requireDocument, requireTrainer } from '$lib/server/access.ts';
import { echo, readForm, parseForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { readProviderForm } from '$lib/server/provider-form.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

const DAY = 24 * 60 * 60 * 1000;

/** The share form's provider fields, which a pick from the directory fills. */
const providerFields: ProviderFieldNames = { name: 'providerName', role: 'providerRole', practiceName: 'providerPractice', email: 'providerEmail' };

const NewLink = z
	.object({
		providerName: z.string().min(2, "Enter the provider's name.").max(120, 'A name can be at most 120 characters.'),
		providerRole: z.enum(providerRoles, 'Choose the provider’s role.'),
		providerPractice: z.string().max(160, 'A practice name can be at most 160 characters.').default(''),
		providerEmail: z.union([z.literal(''), z.email('Enter an email address such as office@clinic.example, or leave it empty.')]).optional(),
		expiry: z.enum(['30-days', 'date', 'never'], 'Choose when the link expires.'),
		expiresOn: z.string().optional(),
		emailProvider: z.literal('on').optional(),
		emailOfficeManager: z.literal('on').optional(),
		attachPdf: z.literal('on').optional(),
		message: z.string().max(1000, 'Keep the message under 1,000 characters.').default('')
	})
	.superRefine((value, context) => {
		if (value.emailProvider && !value.providerEmail) {
			context.addIssue({
				code: 'custom',
				path: ['providerEmail'],
				message: "Enter the provider's email address to email the link, or untick “Email the link”."
			});
		}
		if (value.expiry !== 'date') return;
		const date = value.expiresOn ? new Date(`${value.expiresOn}T23:59:59Z`) : null;
		if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}$/.test(value.expiresOn ?? '')) {
			context.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Enter the last day the link works, such as 2026-12-31.' });
		} else if (date.getTime() <= Date.now()) {
			context.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The last day must be today or later.' });
		} else if (date.getTime() > Date.now() + 3 * 365 * DAY) {
			context.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Choose a day within three years, or “no expiry”.' });
		}
	});

type Event = Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0];

/** What the client's consent allows for this document, told up front; a practice document needs none. */
async function consentSummary(document: Document, clientId: string) {
	const state = await consentState(services().db, clientId);
	// A coverage check with no provider named yet: tells the trainer whether sharing is possible at all.
	const coverage = consentCovers(state, document, state.record?.recipients.mode === 'named' ? (state.record.recipients.providers[0]?.name ?? '') : '');
	const blocked = document.private
		? 'These are private working notes: make them visible to the client before sharing them.'
		: coverage.ok
			? null
			: coverage.reason;
	return {
		status: state.status,
		mode: state.record?.recipients.mode ?? null,
		namedProviders: state.record?.recipients.mode === 'named' ? state.record.recipients.providers : [],
		expiresOn: state.record?.expiresOn ?? null,
		blocked
	};
}

/** The share form's answer to the pre-share review (unfilled prompts, a client named): null when it may go. */
async function unconfirmed(document: Document, values: Record<string, string>): Promise<string | null> {
	return missingConfirmation(await preShareReview(services().db, document), {
		confirmPrompts: values.confirmPrompts === 'on',
		confirmNamesClient: values.confirmNamesClient === 'on'
	});
}

async function ownDocument(event: Event) {
	requireTrainer(event);
	return requireDocument(event, event.params.documentId ?? '', 'write');
}

export const load: PageServerLoad = async (event) => {
	const { document, client } = await ownDocument(event);
	const { db } = services();
	const now = Date.now();
	const directory = (await directoryOf(db, event.locals.user!.id)) ?? [];
	const inDirectory = new Set(directory.map((p) => p.id));
	const links = await listLinksOfDocument(db, document.id);
	// Read as they were, then marked seen: the page shows what is new this visit once.
	const threads = await threadsOfDocument(db, document.id);
	await markThreadsRead(db, event.locals.user!.id, [...threads.keys()]);
	return {
		document: { id: document.id, title: document.title, private: document.private },
		trainerName: event.locals.user!.name,
		client: client && { id: client.id, name: client.name },
		consent: client ? await consentSummary(document, client.id) : null,
		review: await preShareReview(db, document),
		links: links.map((link) => ({
			id: link.id,
			providerName: link.providerName,
			providerRole: link.providerRole,
			providerPractice: link.providerPractice,
			directoryProviderId: link.directoryProviderId && inDirectory.has(link.directoryProviderId) ? link.directoryProviderId : null,
			createdAt: link.createdAt,
			expiresAt: link.expiresAt,
			status: linkStatus(link, now),
			views: link.views,
			lastViewed: link.lastViewed,
			thread: threads.get(link.id) ?? []
		})),
		versions: await listSentVersions(db, document.id),
		roles: providerRoles,
		providers: directory.map(({ id, name, role, practiceName, email }) => ({ id, name, role, practiceName, email }))
	};
};

async function createLink(event: Parameters<Actions[string]>[0]) {
	const { document, client } = await ownDocument(event);
	const trainerId = event.locals.user!.id;
	const { db, collab } = services();
	const directory = await directoryOf(db, trainerId);
	const form = await readProviderForm(event.request, directory, NewLink, providerFields);
	if (!form.ok) return form.failure;
	const { values, picked } = form;
	const missing = await unconfirmed(document, values);
	if (missing) return fail(400, { errors: { review: missing } as FieldErrors, values: echo(values) });
	const { expiry, expiresOn, providerEmail, emailProvider, emailOfficeManager, attachPdf, message, ...provider } = form.data;
	// The office manager's address is the directory's, never typed here: only a picked provider has one.
	const officeManager = emailOfficeManager
		? picked && picked.officeManagerEmail
			? { name: picked.officeManagerName || null, email: picked.officeManagerEmail }
			: null
		: undefined;
	if (officeManager === null) {
		const reason = 'Pick a provider from your directory whose record has an office manager’s email, or untick “Also email the office manager”.';
		return fail(400, { errors: { emailOfficeManager: reason } as FieldErrors, values: echo(values) });
	}
	const now = Date.now();
	const expiresAt = expiry === 'never' ? null : expiry === '30-days' ? defaultExpiry(now) : new Date(`${expiresOn}T23:59:59Z`);
	let created: Awaited<ReturnType<typeof createShareLink>>;
	try {
		created = await createShareLink(db, document, trainerId, {
			...provider,
			providerEmail: providerEmail || null,
			expiresAt,
			directoryProviderId: picked?.id ?? null
		});
	} catch (caught) {
		if (caught instanceof NotCoveredError) return fail(400, { errors: { form: caught.message } as FieldErrors, values: echo(values) });
		throw caught;
	}
	const { token, link } = created;
	const url = `${event.url.origin}/s/${token}`;
	const attachments = attachPdf && ((emailProvider && providerEmail) || officeManager) ? [await reportAttachment(event, document, client)] : undefined;
	const mailed =
		emailProvider && providerEmail
			? await mailShareLink(event, { document, link, url, to: providerEmail, message, clientName: client?.name ?? 'the client', attachments })
			: null;
	const mailedOffice = officeManager
		? await mailShareLink(event, {
				document,
				link,
				url,
				to: officeManager.email,
				message,
				clientName: client?.name ?? 'the client',
				officeManager,
				attachments
			})
		: null;
	const emailedTo = [mailed && providerEmail, mailedOffice && officeManager?.email].filter(Boolean).join(' and ');
	// The link exists now, whatever happens to the touchpoint: recordOutreach logs its own failures.
	const choice = chooseProvider(directory, {
		directoryProviderId: picked?.id ?? '',
		addToDirectory: values.addToDirectory === 'on',
		typed: { name: provider.providerName, role: provider.providerRole, practiceName: provider.providerPractice, email: providerEmail ?? '' }
	});
	const recorded = choice.ok
		? await recordOutreach(collab.hocuspocus, trainerId, choice.choice, {
				...withEmail(shareLinkTouchpoint(document.title, link.needsClientApproval), emailedTo || null),
				date: trainerToday(values.today, new Date(now))
			})
		: null;
	if (recorded && recorded.providerId !== link.directoryProviderId) await attachDirectoryProvider(db, link.id, recorded.providerId);
	return {
		created: {
			url,
			mailed: mailed && { to: providerEmail, status: mailed.status },
			mailedOffice: mailedOffice && { to: officeManager!.email, status: mailedOffice.status },
			providerName: link.providerName,
			needsClientApproval: link.needsClientApproval,
			logged: recorded && { providerId: recorded.providerId, providerName: recorded.providerName, added: recorded.added }
		}
	};
}

/** The report as it is stored now, as the share page's PDF renders it: the provider has it even after the link expires. */
async function reportAttachment(
	event: Parameters<Actions[string]>[0],
	document: Document,
	client: { name: string; dateOfBirth: string | null } | null | undefined
): Promise<MailAttachment> {
	const trainer = event.locals.user!;
	const doc = await loadStoredDocument(services().db, document.id);
	try {
		const format = await practiceFormat(services().db, trainer.id);
		const now = new Date();
		const pdf = await documentPdf(
			doc,
			{ ...document, trainer: { name: trainer.name, practiceName: trainer.practiceName }, client: client ?? null },
			`Report as of ${formatDateTime(now, format, { date: 'long' })} ${formatZone(now, format)}`,
			'LETTER',
			format
		);
		const name =
			[document.title, client?.name]
				.filter(Boolean)
				.join(' - ')
				.replace(/[^\p{L}\p{N} ,.()-]+/gu, '')
				.slice(0, 120) || 'Report';
		return { filename: `${name}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
	} finally {
		doc.destroy();
	}
}

/** The touchpoint says how the link went: emailed from Bridgework, or left for the trainer to send. */
function withEmail<T extends { outcome: string }>(touchpoint: T, to: string | null | undefined): T {
	return to ? { ...touchpoint, outcome: `${touchpoint.outcome} Emailed to ${to}.` } : touchpoint;
}

/**
 * Queued after the link is stored. A link that opens only once the client approves it waits in
 * the Outbox until then (the client's approval releases it), so a provider never gets a dead link.
 */
async function mailShareLink(
	event: Parameters<Actions[string]>[0],
	input: {
		document: Document;
		link: { id: string; providerName: string; expiresAt: Date | null; needsClientApproval: boolean };
		url: string;
		to: string;
		message: string;
		clientName: string;
		officeManager?: { name: string | null };
		attachments?: MailAttachment[];
	}
) {
	const trainer = event.locals.user!;
	const [providerKey, officeKey] = shareMailKeys(input.link.id);
	return services().mailer.send(
		{
			kind: 'share_link',
			ownerId: trainer.id,
			dedupeKey: input.officeManager ? officeKey : providerKey,
			to: input.to,
			toName: input.officeManager ? input.officeManager.name : input.link.providerName,
			replyTo: trainer.email,
			attachments: input.attachments,
			...shareLinkMail({
				providerName: input.link.providerName,
				trainerName: trainer.name,
				practiceName: trainer.practiceName,
				documentTitle: input.document.title,
				url: input.url,
				expiresAt: input.link.expiresAt,
				message: input.message || null,
				officeManager: input.officeManager ? (input.officeManager.name ?? 'office manager') : null,
				attached: Boolean(input.attachments?.length),
				format: await practiceFormat(services().db, trainer.id)
			})
		},
		undefined,
		{ waitingFor: input.link.needsClientApproval ? `Waiting for ${input.clientName} to approve the link: it is sent then.` : undefined }
	);
}

async function revoke(event: Parameters<Actions[string]>[0]) {
	const { document } = await ownDocument(event);
	const linkId = readForm(await event.request.formData()).linkId ?? '';
	// The provider's open page is closed by the access watcher, as for any change of access.
	if (!(await revokeLink(services().db, document.id, linkId))) return fail(400, { errors: { form: 'That link was already revoked.' } as FieldErrors });
	for (const key of shareMailKeys(linkId)) await cancelMail(services().db, key, 'You revoked the link before it was sent.');
	return { revoked: linkId };
}

/** The trainer answers in a link's thread; the provider sees it on their next visit. Revoked links take no answer. */
async function reply(event: Parameters<Actions[string]>[0]) {
	const { document } = await ownDocument(event);
	const { db } = services();
	const values = readForm(await event.request.formData());
	const parsed = parseForm(TrainerReplyForm, values);
	if (!parsed.ok) return fail(400, { replyErrors: parsed.errors, replyValues: echo(values), replyLinkId: values.thread ?? '' });
	const { access, link } = await threadAccess(db, actorOf(event), parsed.data.thread);
	if (!link || link.documentId !== document.id || access === 'none') error(404, 'Link not found');
	if (access !== 'reply') {
		const refusal = 'This link is no longer live, so its thread is closed: the provider cannot see a reply. Create a new link to write to them.';
		return fail(400, { replyErrors: { form: refusal } as FieldErrors, replyValues: echo(values), replyLinkId: link.id });
	}
	const user = event.locals.user!;
	await postTrainerReply(db, link, { id: user.id, name: user.name }, parsed.data.body);
	return { replied: link.id };
}

async function send(event: Parameters<Actions[string]>[0]) {
	const { document } = await ownDocument(event);
	const values = readForm(await event.request.formData());
	const note = values.note ?? '';
	if (note.length > 500) return fail(400, { errors: { note: 'Keep the note under 500 characters.' } as FieldErrors, sendValues: echo(values) });
	if (document.private)
		return fail(400, { errors: { send: 'These are private working notes: make them visible to the client before sending them.' } as FieldErrors });
	const missing = await unconfirmed(document, values);
	if (missing) return fail(400, { errors: { sendReview: missing } as FieldErrors, sendValues: echo(values) });
	const user = event.locals.user;
	if (!user) error(401, 'Sign in again.');
	const version = await markSent(services().db, document, { id: user.id, name: user.name }, note || null);
	return { sent: version.id };
}

export const actions: Actions = { createLink, revoke, send, reply };
