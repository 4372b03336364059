import { and, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Clock } from '../auth/session.ts';
import type { Db, Executor } from '../db/client.ts';
import {
	clients,
	clientVisits,
	documents,
	documentStates,
	documentUpdates,
	invitations,
	outcomePrompts,
	shareLinks,
	type Client,
	type Document
} from '../db/schema.ts';

/**
 * Archive and trash for a practice's clients and documents.
 *
 * Archiving hides a record from lists and keeps it, read-only, for its trainer; deleting puts it in
 * the trash, where it stays restorable for TRASH_DAYS and is then purged. Either way the live share
 * links end (as when consent is revoked) and pending invitations are withdrawn, in the same
 * transaction as the change. Nobody's open connection is closed here: the rows change, the policy
 * answers "none" for them, and the access watcher closes what was open.
 *
 * Purging erases the content (the document text and its update log; the client's contact details
 * and notes) and keeps the row as a tombstone: consent records and the audit trail refer to it and
 * are never deleted, and neither are the copies of reports already sent to providers.
 */

export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type RemovalTarget = { kind: 'client'; id: string } | { kind: 'document'; id: string };

/** What else goes with a record: the confirmation dialog says it before anything changes. */
export interface RemovalSummary {
	documents: number;
	liveShareLinks: number;
	pendingInvitations: number;
}

async function liveLinks(db: Executor, target: RemovalTarget, now: number) {
	const column = target.kind === 'client' ? shareLinks.clientId : shareLinks.documentId;
	const links = await db
		.select({ id: shareLinks.id, expiresAt: shareLinks.expiresAt })
		.from(shareLinks)
		.where(and(eq(column, target.id), isNull(shareLinks.revokedAt)));
	return links.filter((link) => !link.expiresAt || link.expiresAt.getTime() > now);
}

async function pendingInvitationIds(db: Executor, clientId: string, now: number): Promise<string[]> {
	const pending = await db
		.select({ id: invitations.id, expiresAt: invitations.expiresAt })
		.from(invitations)
		.where(and(eq(invitations.clientId, clientId), isNull(invitations.usedAt), isNull(invitations.revokedAt)));
	return pending.filter((invitation) => invitation.expiresAt.getTime() > now).map((invitation) => invitation.id);
}

export async function removalSummary(db: Executor, target: RemovalTarget, now: Clock = Date.now): Promise<RemovalSummary> {
	const at = now();
	if (target.kind === 'document') return { documents: 0, liveShareLinks: (await liveLinks(db, target, at)).length, pendingInvitations: 0 };
	const ofClient = await db
		.select({ id: documents.id })
		.from(documents)
		.where(and(eq(documents.clientId, target.id), isNull(documents.deletedAt), isNull(documents.purgedAt)));
	return {
		documents: ofClient.length,
		liveShareLinks: (await liveLinks(db, target, at)).length,
		pendingInvitations: (await pendingInvitationIds(db, target.id, at)).length
	};
}

/** Ends what the record let others reach: its share links and its pending invitations. */
async function endAccessOf(tx: Executor, target: RemovalTarget, at: Date): Promise<void> {
	const links = (await liveLinks(tx, target, at.getTime())).map((link) => link.id);
	if (links.length > 0) {
		await tx.update(shareLinks).set({ revokedAt: at, revokedReason: 'trainer' }).where(inArray(shareLinks.id, links));
	}
	if (target.kind === 'client') {
		const pending = await pendingInvitationIds(tx, target.id, at.getTime());
		if (pending.length > 0) await tx.update(invitations).set({ revokedAt: at }).where(inArray(invitations.id, pending));
	}
}

function tableOf(target: RemovalTarget) {
	return target.kind === 'client' ? clients : documents;
}

function change(db: Db, target: RemovalTarget, set: Partial<Pick<Client, 'archivedAt' | 'deletedAt'>>, endAccess: boolean, now: Clock): Promise<boolean> {
	const table = tableOf(target) as typeof clients;
	const at = new Date(now());
	return db.transaction(async (tx) => {
		const changed = await tx
			.update(table)
			.set(set)
			.where(and(eq(table.id, target.id), isNull(table.purgedAt)))
			.returning({ id: table.id });
		if (changed.length === 0) return false;
		if (endAccess) await endAccessOf(tx, target, at);
		return true;
	});
}

/** Hidden from lists, kept and readable by the trainer; share links and invitations end. */
export function archive(db: Db, target: RemovalTarget, now: Clock = Date.now): Promise<boolean> {
	return change(db, target, { archivedAt: new Date(now()), deletedAt: null }, true, now);
}

/** To the trash: restorable for TRASH_DAYS, then purged. */
export function moveToTrash(db: Db, target: RemovalTarget, now: Clock = Date.now): Promise<boolean> {
	return change(db, target, { deletedAt: new Date(now()) }, true, now);
}

/** Back in use, from the archive or the trash. Ended share links stay ended: make new ones. */
export function restore(db: Db, target: RemovalTarget, now: Clock = Date.now): Promise<boolean> {
	return change(db, target, { archivedAt: null, deletedAt: null }, false, now);
}

/** The day a record in the trash is purged. */
export function purgeDate(deletedAt: Date): Date {
	return new Date(deletedAt.getTime() + TRASH_DAYS * DAY_MS);
}

/** Erases documents' text and update log, keeping the row as a tombstone. */
export async function purgeDocumentContent(tx: Executor, documentIds: string[], at: Date): Promise<void> {
	if (documentIds.length === 0) return;
	await tx.delete(documentUpdates).where(inArray(documentUpdates.documentId, documentIds));
	await tx.delete(documentStates).where(inArray(documentStates.documentId, documentIds));
	await tx.update(documents).set({ purgedAt: at }).where(inArray(documents.id, documentIds));
}

/**
 * Erases clients' contact details, notes, invitations, visit briefs' questions and what was decided about their outcome
 * suggestions (which names the measures that improved); the row stays for consent records and the audit trail.
 */
export async function purgeClientContent(tx: Executor, clientIds: string[], at: Date): Promise<void> {
	if (clientIds.length === 0) return;
	await tx.update(clients).set({ email: null, dateOfBirth: null, notes: '', purgedAt: at }).where(inArray(clients.id, clientIds));
	await tx.delete(invitations).where(inArray(invitations.clientId, clientIds));
	await tx.delete(clientVisits).where(inArray(clientVisits.clientId, clientIds));
	await tx.delete(outcomePrompts).where(inArray(outcomePrompts.clientId, clientIds));
}

/**
 * Erases what has been in the trash for TRASH_DAYS or longer. Run at start-up and on a timer;
 * idempotent, so a crash half-way is finished by the next run.
 */
export function purgeTrash(db: Db, now: Clock = Date.now): Promise<{ clients: number; documents: number }> {
	const at = new Date(now());
	const cutoff = new Date(at.getTime() - TRASH_DAYS * DAY_MS);
	return db.transaction(async (tx) => {
		const dueClients = (
			await tx
				.select({ id: clients.id })
				.from(clients)
				.where(and(isNotNull(clients.deletedAt), lte(clients.deletedAt, cutoff), isNull(clients.purgedAt)))
		).map((row) => row.id);
		const dueDocumentRows = await tx
			.select({ id: documents.id })
			.from(documents)
			.where(
				and(
					isNull(documents.purgedAt),
					or(and(isNotNull(documents.deletedAt), lte(documents.deletedAt, cutoff)), dueClients.length > 0 ? inArray(documents.clientId, dueClients) : undefined)
				)
			);
		const dueDocuments = dueDocumentRows.map((row) => row.id);
		await purgeDocumentContent(tx, dueDocuments, at);
		await purgeClientContent(tx, dueClients, at);
		return { clients: dueClients.length, documents: dueDocuments.length };
	});
}

export interface TrashEntry {
	kind: 'client' | 'document';
	id: string;
	name: string;
	/** For a document: the client it belongs to (null for a practice document). */
	clientName: string | null;
	deletedAt: Date;
	purgeOn: Date;
}

/** A trainer's trash, newest first: clients, and documents deleted on their own. */
export async function trashOf(db: Db, trainerId: string): Promise<TrashEntry[]> {
	const trashedClients = await db
		.select()
		.from(clients)
		.where(and(eq(clients.trainerId, trainerId), isNotNull(clients.deletedAt), isNull(clients.purgedAt)));
	const trashedDocuments = await db
		.select({ document: documents, client: clients })
		.from(documents)
		.leftJoin(clients, eq(documents.clientId, clients.id))
		// A practice document has no client; a client's document waits in the trash with its client when both are there.
		.where(
			and(eq(documents.trainerId, trainerId), isNotNull(documents.deletedAt), isNull(documents.purgedAt), or(isNull(clients.id), isNull(clients.deletedAt)))
		);
	const entries: TrashEntry[] = [
		...trashedClients.map((client) => entry('client', client, client.name, null)),
		...trashedDocuments.map(({ document, client }) => entry('document', document, document.title, client?.name ?? null))
	];
	return entries.sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime());
}

function entry(kind: TrashEntry['kind'], record: Pick<Document, 'id' | 'deletedAt'>, name: string, clientName: string | null): TrashEntry {
	const deletedAt = record.deletedAt ?? new Date(0);
	return { kind, id: record.id, name, clientName, deletedAt, purgeOn: purgeDate(deletedAt) };
}
