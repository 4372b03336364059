import { and, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Clock } from '../auth/session.ts';
import type { Db, Executor } from '../db/client.ts';
import {
	accountTokens,
	calendarFeeds,
	clients,
	documents,
	languageRules,
	outcomePrompts,
	mailPreferences,
	outgoingMail,
	practiceEvents,
	practiceSettings,
	practiceStates,
	practiceUpdates,
	recoveryCodes,
	sentVersions,
	sessions,
	shareLinks,
	twoFactor,
	users
} from '../db/schema.ts';
import { changeConsent } from '../consent/revoke.ts';
import type { Mailer } from '../mail/mailer.ts';
import { clientLeftMail } from '../mail/messages/client-left.ts';
import { consentState } from '../consent/records.ts';
import { purgeClientContent, purgeDocumentContent } from './removal.ts';

/**
 * Deleting a trainer's account and practice.
 *
 * Everything goes in one transaction through the trash's own purge (server/practice/removal.ts), so
 * there is one way content is erased. Rows that consent records refer to stay as tombstones, and so
 * does the user row: consent records are append-only (a database trigger refuses to delete them, or
 * to null their signer), so the account is emptied and made unusable instead of removed. Every
 * session ends and every document row changes in the transaction, so the access_changes triggers
 * tell the collaboration server, which closes the sockets that were open.
 */

/** An address no one can sign up with or sign in as: `.invalid` is reserved (RFC 2606). */
function tombstoneEmail(userId: string): string {
	return `deleted-${userId}@deleted.invalid`;
}

/** Not an Argon2 hash: verifyPassword reads it as a wrong password, whatever is typed. */
const NO_PASSWORD = '!deleted';

async function emptyAccount(tx: Executor, userId: string): Promise<void> {
	await tx.delete(sessions).where(eq(sessions.userId, userId));
	await tx.delete(accountTokens).where(eq(accountTokens.userId, userId));
	await tx.delete(outgoingMail).where(eq(outgoingMail.ownerId, userId));
	await tx.delete(mailPreferences).where(eq(mailPreferences.userId, userId));
	await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
	await tx
		.update(users)
		.set({ email: tombstoneEmail(userId), name: 'Deleted account', passwordHash: NO_PASSWORD, practiceName: null, emailVerifiedAt: null })
		.where(eq(users.id, userId));
}

/** What the confirmation says goes with the account, before anything changes. */
export async function practiceSize(db: Db, trainerId: string): Promise<{ clients: number; documents: number; liveShareLinks: number }> {
	const [clientCount] = await db
		.select({ n: count() })
		.from(clients)
		.where(and(eq(clients.trainerId, trainerId), isNull(clients.purgedAt)));
	const [documentCount] = await db
		.select({ n: count() })
		.from(documents)
		.where(and(eq(documents.trainerId, trainerId), isNull(documents.purgedAt)));
	const [linkCount] = await db
		.select({ n: count() })
		.from(shareLinks)
		.where(and(eq(shareLinks.createdBy, trainerId), isNull(shareLinks.revokedAt)));
	return { clients: Number(clientCount?.n ?? 0), documents: Number(documentCount?.n ?? 0), liveShareLinks: Number(linkCount?.n ?? 0) };
}

export function deleteTrainerAccount(db: Db, trainerId: string, now: Clock = Date.now): Promise<void> {
	const at = new Date(now());
	return db.transaction(async (tx) => {
		const practiceClients = await tx.select({ id: clients.id, userId: clients.userId }).from(clients).where(eq(clients.trainerId, trainerId));
		const clientIds = practiceClients.map((client) => client.id);
		const documentIds = (await tx.select({ id: documents.id }).from(documents).where(eq(documents.trainerId, trainerId))).map((row) => row.id);

		await tx
			.update(shareLinks)
			.set({ revokedAt: at, revokedReason: 'trainer' })
			.where(and(eq(shareLinks.createdBy, trainerId), isNull(shareLinks.revokedAt)));
		if (documentIds.length > 0) {
			await tx.delete(sentVersions).where(inArray(sentVersions.documentId, documentIds));
			await tx
				.update(documents)
				.set({ deletedAt: at })
				.where(and(inArray(documents.id, documentIds), isNull(documents.deletedAt)));
		}
		await purgeDocumentContent(tx, documentIds, at);
		if (clientIds.length > 0)
			await tx
				.update(clients)
				.set({ deletedAt: at })
				.where(and(inArray(clients.id, clientIds), isNull(clients.deletedAt)));
		await purgeClientContent(tx, clientIds, at);

		// A client's account goes with the practice unless another practice still has them as a client.
		const clientUsers = [...new Set(practiceClients.flatMap((client) => (client.userId ? [client.userId] : [])))];
		for (const userId of clientUsers) {
			const elsewhere = await tx
				.select({ id: clients.id })
				.from(clients)
				.where(and(eq(clients.userId, userId), ne(clients.trainerId, trainerId), isNull(clients.purgedAt)))
				.limit(1);
			if (elsewhere.length === 0) await emptyAccount(tx, userId);
		}

		await tx.delete(practiceUpdates).where(eq(practiceUpdates.trainerId, trainerId));
		await tx.delete(practiceStates).where(eq(practiceStates.trainerId, trainerId));
		await tx.delete(practiceSettings).where(eq(practiceSettings.trainerId, trainerId));
		await tx.delete(languageRules).where(eq(languageRules.trainerId, trainerId));
		await tx.delete(outcomePrompts).where(eq(outcomePrompts.trainerId, trainerId));
		await tx.delete(calendarFeeds).where(eq(calendarFeeds.trainerId, trainerId));
		// Its invitations go with each event (foreign key).
		await tx.delete(practiceEvents).where(eq(practiceEvents.trainerId, trainerId));
		await emptyAccount(tx, trainerId);
	});
}

/**
 * Deleting a client's own account: the consent in force with each practice is revoked first, by
 * the consent page's own path (an appended "revoke" record, every share link ended), so the
 * practice keeps its record of what was agreed and when it ended. Then the sign-in goes and the
 * practice's client record is unlinked from it, and stays with the practice. Were the second step
 * to fail, the consents are already revoked and asking again finishes the deletion.
 */
export async function deleteClientAccount(
	db: Db,
	input: { userId: string; signatureName: string; ipAddress?: string; userAgent?: string },
	now: Clock = Date.now,
	notify?: { mailer: Pick<Mailer, 'send'>; origin: string }
): Promise<void> {
	const linked = await db.select().from(clients).where(eq(clients.userId, input.userId));
	const revoked = new Set<string>();
	for (const client of linked) {
		if ((await consentState(db, client.id, now)).status !== 'active') continue;
		await changeConsent(
			db,
			{ client, userId: input.userId, signatureName: input.signatureName, what: 'all', ipAddress: input.ipAddress, userAgent: input.userAgent },
			now
		);
		revoked.add(client.id);
	}
	const trainers =
		notify && linked.length
			? await db
					.select({ id: users.id, name: users.name, email: users.email })
					.from(users)
					.where(inArray(users.id, [...new Set(linked.map((client) => client.trainerId))]))
			: [];
	await db.transaction(async (tx) => {
		await tx.update(clients).set({ userId: null }).where(eq(clients.userId, input.userId));
		await emptyAccount(tx, input.userId);
		// Each practice hears of it with the change itself (queued in this transaction), in its Outbox too.
		for (const client of linked) {
			const trainer = trainers.find((row) => row.id === client.trainerId);
			if (!trainer || !notify) continue;
			await notify.mailer.send(
				{
					kind: 'client_left',
					ownerId: trainer.id,
					dedupeKey: `client-left:${client.id}:${input.userId}`,
					to: trainer.email,
					toName: trainer.name,
					...clientLeftMail({
						trainerName: trainer.name,
						clientName: client.name,
						clientUrl: `${notify.origin}/clients/${client.id}`,
						revoked: revoked.has(client.id)
					})
				},
				tx
			);
		}
	});
}
