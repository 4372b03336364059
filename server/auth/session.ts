import { createHash, randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users, type Session, type User } from '../db/schema.ts';

// Sessions as the Lucia project's guide describes them: a random token in the cookie, only its
// SHA-256 in the database, a fixed lifetime that slides forward while the user keeps coming back.
export const SESSION_COOKIE = 'bw_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** A session used within this much of its expiry is extended to a full lifetime again. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY;

export type Clock = () => number;
const systemClock: Clock = () => Date.now();

export interface SessionValidation {
	session: Session;
	user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'practiceName' | 'emailVerifiedAt'>;
	/** True when the expiry moved: the cookie must be written again. */
	renewed: boolean;
}

/** 160 random bits, base32-like lower-case text safe in a cookie and a URL. */
export function generateSessionToken(): string {
	return randomBytes(20).toString('base64url');
}

export function sessionIdFromToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
	db: Db,
	token: string,
	userId: string,
	now: Clock = systemClock,
	details: { userAgent?: string | null } = {}
): Promise<Session> {
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now() + SESSION_LIFETIME_MS),
		// Bounded: it is only shown back to its owner, in the list of signed-in devices.
		userAgent: details.userAgent?.slice(0, 300) || null,
		createdAt: new Date(now())
	};
	await db.insert(sessions).values(session);
	return session;
}

async function sessionRow(db: Db, sessionId: string) {
	const [row] = await db
		.select({
			session: sessions,
			user: { id: users.id, email: users.email, name: users.name, role: users.role, practiceName: users.practiceName, emailVerifiedAt: users.emailVerifiedAt }
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sessionId))
		.limit(1);
	return row;
}

/**
 * The session with this id and its user while it lasts, without touching it: a live connection
 * re-checks its session so, and only a request (validateSessionToken) slides the expiry.
 */
export async function sessionInForce(db: Db, sessionId: string, now: Clock = systemClock): Promise<Omit<SessionValidation, 'renewed'> | null> {
	const row = await sessionRow(db, sessionId);
	return row && now() < row.session.expiresAt.getTime() ? row : null;
}

export async function validateSessionToken(db: Db, token: string, now: Clock = systemClock): Promise<SessionValidation | null> {
	if (!token || token.length > 100) return null;
	const id = sessionIdFromToken(token);
	const row = await sessionRow(db, id);
	if (!row) return null;

	const { session, user } = row;
	const time = now();
	if (time >= session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	let renewed = false;
	if (time >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
		session.expiresAt = new Date(time + SESSION_LIFETIME_MS);
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
		renewed = true;
	}
	return { session, user, renewed };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** "Sign out everywhere": every session of this user ends, on every device. */
export async function invalidateSessionsOfUser(db: Db, userId: string): Promise<number> {
	return (await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })).length;
}

/** The user's sessions in force, newest first: the list of signed-in devices. */
export async function sessionsOfUser(db: Db, userId: string, now: Clock = systemClock): Promise<Session[]> {
	const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt));
	return rows.filter((row) => row.expiresAt.getTime() > now());
}
