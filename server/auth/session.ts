import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
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
	user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'practiceName'>;
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

export function createSession(db: Db, token: string, userId: string, now: Clock = systemClock): Session {
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now() + SESSION_LIFETIME_MS),
		createdAt: new Date(now())
	};
	db.insert(sessions).values(session).run();
	return session;
}

function sessionRow(db: Db, sessionId: string) {
	return db
		.select({
			session: sessions,
			user: { id: users.id, email: users.email, name: users.name, role: users.role, practiceName: users.practiceName }
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sessionId))
		.get();
}

/**
 * The session with this id and its user while it lasts, without touching it: a live connection
 * re-checks its session so, and only a request (validateSessionToken) slides the expiry.
 */
export function sessionInForce(db: Db, sessionId: string, now: Clock = systemClock): Omit<SessionValidation, 'renewed'> | null {
	const row = sessionRow(db, sessionId);
	return row && now() < row.session.expiresAt.getTime() ? row : null;
}

export function validateSessionToken(db: Db, token: string, now: Clock = systemClock): SessionValidation | null {
	if (!token || token.length > 100) return null;
	const id = sessionIdFromToken(token);
	const row = sessionRow(db, id);
	if (!row) return null;

	const { session, user } = row;
	const time = now();
	if (time >= session.expiresAt.getTime()) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	let renewed = false;
	if (time >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
		session.expiresAt = new Date(time + SESSION_LIFETIME_MS);
		db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
		renewed = true;
	}
	return { session, user, renewed };
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** "Sign out everywhere": every session of this user ends, on every device. */
export function invalidateSessionsOfUser(db: Db, userId: string): number {
	return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}
