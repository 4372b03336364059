import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../auth/session.ts';
import type { Db, Executor } from '../db/client.ts';
import { clients, invitations, type Invitation } from '../db/schema.ts';
import { generateLinkToken, hashLinkToken, looksLikeLinkToken } from './tokens.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const systemClock: Clock = () => Date.now();

export type InvitationStatus = 'pending' | 'used' | 'expired' | 'revoked';

export function invitationStatus(invitation: Invitation, now: number): InvitationStatus {
	if (invitation.revokedAt) return 'revoked';
	if (invitation.usedAt) return 'used';
	if (invitation.expiresAt.getTime() <= now) return 'expired';
	return 'pending';
}

/** Creates an invitation and returns its token: the only time the token exists outside the link. */
export async function createInvitation(db: Db, clientId: string, trainerId: string, now: Clock = systemClock) {
	const token = generateLinkToken();
	const [invitation] = await db
		.insert(invitations)
		.values({
			id: randomUUID(),
			clientId,
			tokenHash: hashLinkToken(token),
			createdBy: trainerId,
			createdAt: new Date(now()),
			expiresAt: new Date(now() + INVITATION_LIFETIME_MS)
		})
		.returning();
	return { token, invitation: invitation! };
}

export function listInvitations(db: Db, clientId: string): Promise<Invitation[]> {
	return db.select().from(invitations).where(eq(invitations.clientId, clientId)).orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(db: Db, clientId: string, invitationId: string, now: Clock = systemClock): Promise<boolean> {
	const result = await db
		.update(invitations)
		.set({ revokedAt: new Date(now()) })
		.where(and(eq(invitations.id, invitationId), eq(invitations.clientId, clientId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
		.returning({ id: invitations.id });
	return result.length === 1;
}

/** The invitation behind a token, only while it can still be accepted. */
export async function findPendingInvitation(db: Executor, token: string, now: Clock = systemClock) {
	if (!looksLikeLinkToken(token)) return undefined;
	const [row] = await db
		.select({ invitation: invitations, client: clients })
		.from(invitations)
		.innerJoin(clients, eq(invitations.clientId, clients.id))
		.where(eq(invitations.tokenHash, hashLinkToken(token)))
		.limit(1);
	if (!row || invitationStatus(row.invitation, now()) !== 'pending') return undefined;
	return row;
}

export class InvitationUnavailableError extends Error {
	constructor() {
		super('This invitation can no longer be used.');
	}
}

/**
 * Links the client record to the accepting account and spends the invitation, both or neither:
 * the conditional update makes a second, racing acceptance fail instead of linking twice.
 */
export async function acceptInvitation(db: Executor, token: string, userId: string, now: Clock = systemClock): Promise<string> {
	return db.transaction(async (tx) => {
		const pending = await findPendingInvitation(tx, token, now);
		if (!pending) throw new InvitationUnavailableError();
		if (pending.client.userId && pending.client.userId !== userId) throw new InvitationUnavailableError();
		const spent = await tx
			.update(invitations)
			.set({ usedAt: new Date(now()), usedBy: userId })
			.where(and(eq(invitations.id, pending.invitation.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
			.returning({ id: invitations.id });
		if (spent.length !== 1) throw new InvitationUnavailableError();
		await tx.update(clients).set({ userId }).where(eq(clients.id, pending.client.id));
		// Other pending invitations for this client are now pointless and must not link someone else.
		await tx
			.update(invitations)
			.set({ revokedAt: new Date(now()) })
			.where(and(eq(invitations.clientId, pending.client.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)));
		return pending.client.id;
	});
}
