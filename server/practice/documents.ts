import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { copyMeasures } from '../../src/lib/shared/measures/store.ts';
import { loadStoredDocument } from '../collab/stored-document.ts';
import type { Db, Executor } from '../db/client.ts';
import { clients, documentStates, documents, users, type Client, type Document, type DocumentKind, type User } from '../db/schema.ts';
import type { ReportOutcomes, TemplateContext } from '../templates/context.ts';
import { formatDate } from '../../src/lib/shared/format.ts';
import { practiceFormat } from './format-context.ts';
import { readProfile, recentEducationHours } from './profile.ts';
import { isoDateIn } from '../../src/lib/shared/practice/profile.ts';
import { templates } from '../templates/index.ts';
import { initialState } from '../templates/seed.ts';
import { documentKindInfo, type ProviderRole } from '../../src/lib/shared/practice/document-kinds.ts';

export const documentKindLabels: Record<DocumentKind, string> = Object.fromEntries(
	Object.entries(documentKindInfo).map(([kind, info]) => [kind, info.label])
) as Record<DocumentKind, string>;

export interface ProviderDetails {
	name?: string;
	role?: ProviderRole;
	clinic?: string;
}

export interface NewDocument {
	/** Empty for "<kind>, <date>". */
	title?: string;
	kind: DocumentKind;
	provider?: ProviderDetails;
	/** The trainer's private working notes, which the client does not see; only for a client's document. */
	private?: boolean;
	/** Improvements a progress report is drafted to tell (server/practice/outcome-prompts.ts). */
	outcomes?: ReportOutcomes;
}

export class ClientNotFoundError extends Error {
	constructor(clientId: string) {
		super(`No client ${clientId}.`);
	}
}

/** Whose a new document is: a client's record, or the practice's own (letters, outreach). */
export type DocumentOwner = { clientId: string } | { trainerId: string };

async function ownerRow(db: Executor, owner: DocumentOwner): Promise<{ client: Client | null; trainer: User } | undefined> {
	if ('clientId' in owner) {
		const [row] = await db
			.select({ client: clients, trainer: users })
			.from(clients)
			.innerJoin(users, eq(clients.trainerId, users.id))
			.where(eq(clients.id, owner.clientId))
			.limit(1);
		return row;
	}
	const [trainer] = await db.select().from(users).where(eq(users.id, owner.trainerId)).limit(1);
	return trainer && { client: null, trainer };
}

async function templateContext(
	db: Executor,
	owner: DocumentOwner,
	input: NewDocument,
	now: Date
): Promise<TemplateContext & { trainerId: string; clientId: string | null }> {
	const row = await ownerRow(db, owner);
	if (!row) throw new ClientNotFoundError('clientId' in owner ? owner.clientId : owner.trainerId);
	const client = row.client;
	const audience = documentKindInfo[input.kind].audience;
	const format = await practiceFormat(db, row.trainer.id);
	const profile = await readProfile(db, row.trainer.id);
	return {
		trainerId: row.trainer.id,
		clientId: client?.id ?? null,
		client: client && { name: client.name, dateOfBirth: client.dateOfBirth },
		trainer: { name: row.trainer.name, email: row.trainer.email },
		practice: row.trainer.practiceName ?? row.trainer.name,
		provider: {
			name: input.provider?.name?.trim() || null,
			role: audience ?? input.provider?.role ?? null,
			clinic: input.provider?.clinic?.trim() || null
		},
		date: formatDate(now, format, 'long'),
		format,
		profile: { ...profile, recentEducationHours: recentEducationHours(profile.continuingEducation, isoDateIn(now, format.timeZone)) },
		...(input.outcomes ? { outcomes: input.outcomes } : {})
	};
}

/** The client's other documents, as sources of measurements a report compares against. */
async function measureSources(db: Executor, clientId: string, excludeId: string) {
	const rows = await db
		.select({ id: documents.id })
		.from(documents)
		.where(and(eq(documents.clientId, clientId), ne(documents.id, excludeId)))
		.orderBy(documents.createdAt);
	const sources = [];
	for (const { id } of rows) sources.push(await loadStoredDocument(db, id));
	return sources;
}

/**
 * Creates the document row and its first content in one transaction: the template is written into
 * the Yjs state on the server, once, so every client receives the same content by sync and no
 * browser ever seeds it (two browsers seeding would each add a copy).
 */
export class DocumentIdTakenError extends Error {
	constructor() {
		super('That id belongs to another record.');
	}
}

/**
 * `options.id` may be chosen by the device that typed the form (a form kept offline and sent
 * again): creating the same id twice for the same owner returns the first document, with
 * `created: false` so the caller does not repeat what creating it does (logging a touchpoint).
 */
export async function createDocument(db: Db, owner: DocumentOwner, input: NewDocument, options: { now?: Date; id?: string } = {}): Promise<Document> {
	return (await createDocumentOnce(db, owner, input, options)).document;
}

function ownedBy(document: Document, owner: DocumentOwner): boolean {
	return 'clientId' in owner ? document.clientId === owner.clientId : document.clientId === null && document.trainerId === owner.trainerId;
}

export async function createDocumentOnce(
	db: Db,
	owner: DocumentOwner,
	input: NewDocument,
	options: { now?: Date; id?: string } = {}
): Promise<{ document: Document; created: boolean }> {
	const now = options.now ?? new Date();
	const info = documentKindInfo[input.kind];
	return db.transaction(async (tx) => {
		if (options.id) {
			const [existing] = await tx.select().from(documents).where(eq(documents.id, options.id)).limit(1);
			if (existing) {
				if (!ownedBy(existing, owner)) throw new DocumentIdTakenError();
				return { document: existing, created: false };
			}
		}
		const context = await templateContext(tx, owner, input, now);
		const [document] = await tx
			.insert(documents)
			.values({
				id: options.id ?? randomUUID(),
				trainerId: context.trainerId,
				clientId: context.clientId,
				kind: input.kind,
				title: input.title?.trim() || `${info.label}, ${formatDate(now, context.format)}`,
				private: context.clientId !== null && input.private === true,
				createdAt: now,
				updatedAt: now
			})
			.returning();
		if (!document) throw new Error('the new document was not returned');
		const sources = info.carriesMeasures && context.clientId ? await measureSources(tx, context.clientId, document.id) : [];
		try {
			const state = initialState(templates[input.kind](context), (doc) => copyMeasures(sources, doc));
			await tx.insert(documentStates).values({ documentId: document.id, state: Buffer.from(state), storedAt: now });
		} finally {
			for (const source of sources) source.destroy();
		}
		return { document, created: true };
	});
}

const inUse = and(isNull(documents.archivedAt), isNull(documents.deletedAt), isNull(documents.purgedAt));

/** The documents in use: archived ones are listed apart, and the trash on its own page. */
export function listDocumentsOfClient(db: Db, clientId: string, options: { includePrivate?: boolean } = {}): Promise<Document[]> {
	const ofClient = and(eq(documents.clientId, clientId), inUse);
	return db
		.select()
		.from(documents)
		.where(options.includePrivate === false ? and(ofClient, eq(documents.private, false)) : ofClient)
		.orderBy(desc(documents.updatedAt));
}

export async function listArchivedDocumentsOfClient(db: Db, clientId: string): Promise<Document[]> {
	const rows = await db
		.select()
		.from(documents)
		.where(and(eq(documents.clientId, clientId), isNull(documents.deletedAt), isNull(documents.purgedAt)))
		.orderBy(desc(documents.updatedAt));
	return rows.filter((document) => document.archivedAt);
}

/** The practice's own documents in use: letters and outreach materials, about no client. */
export function listPracticeDocuments(db: Db, trainerId: string): Promise<Document[]> {
	return db
		.select()
		.from(documents)
		.where(and(eq(documents.trainerId, trainerId), isNull(documents.clientId), inUse))
		.orderBy(desc(documents.updatedAt));
}

/** Corrects a document's title; false when the document is not in use (archived or deleted). */
export async function renameDocument(db: Db, documentId: string, title: string): Promise<boolean> {
	const renamed = await db
		.update(documents)
		.set({ title })
		.where(and(eq(documents.id, documentId), inUse))
		.returning({ id: documents.id });
	return renamed.length > 0;
}

/** Marks a client's document as the trainer's private working notes, or shows it to the client again. */
export async function setDocumentPrivate(db: Db, documentId: string, isPrivate: boolean): Promise<void> {
	await db
		.update(documents)
		.set({ private: isPrivate })
		.where(and(eq(documents.id, documentId), isNotNull(documents.clientId)));
}

export async function getDocument(db: Db, documentId: string): Promise<Document | undefined> {
	const [document] = await db.select().from(documents).where(eq(documents.id, documentId)).limit(1);
	return document;
}
