import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { passwordChangedMail } from '../mail/messages/account.ts';
import { findUserByEmail, normaliseEmail } from '../practice/users.ts';
import { verifyPassword } from './password.ts';
import { sendEmailConfirmation } from './recovery.ts';
import { endOtherSessions } from './recovery.ts';

export async function updateProfile(db: Db, userId: string, input: { name: string; practiceName?: string | null }): Promise<void> {
	await db
		.update(users)
		.set({ name: input.name.trim(), ...(input.practiceName !== undefined ? { practiceName: input.practiceName?.trim() || null } : {}) })
		.where(eq(users.id, userId));
}

export async function passwordMatches(db: Db, userId: string, password: string): Promise<boolean> {
	const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
	return !!user && (await verifyPassword(user.passwordHash, password));
}

/**
 * A new password, given the current one; every other session ends (a thief signed in elsewhere
 * is out), this one stays, and the address is told in case it was not its owner.
 */
export async function changePassword(
	db: Db,
	mailer: Mailer,
	input: { userId: string; sessionId: string; current: string; newHash: string; origin: string }
): Promise<'changed' | 'wrong-password'> {
	if (!(await passwordMatches(db, input.userId, input.current))) return 'wrong-password';
	const user = await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash: input.newHash }).where(eq(users.id, input.userId));
		await tx.delete(sessions).where(and(eq(sessions.userId, input.userId), ne(sessions.id, input.sessionId)));
		const [row] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, input.userId)).limit(1);
		return row;
	});
	if (user)
		await mailer.send({
			kind: 'password_changed',
			to: user.email,
			toName: user.name,
			...passwordChangedMail({ name: user.name, signInUrl: `${input.origin}/forgot` })
		});
	return 'changed';
}

/**
 * A change of address, given the password: nothing changes until the link mailed to the new
 * address is followed (server/auth/recovery.ts confirmEmail), so a typo cannot lock anyone out.
 * An address that another account uses answers the same, without telling whose it is.
 */
export async function requestEmailChange(
	db: Db,
	mailer: Mailer,
	input: { user: { id: string; name: string; email: string }; newEmail: string; password: string; origin: string }
): Promise<'sent' | 'wrong-password' | 'same' | 'too-many'> {
	if (!(await passwordMatches(db, input.user.id, input.password))) return 'wrong-password';
	const address = normaliseEmail(input.newEmail);
	if (address === input.user.email) return 'same';
	if (await findUserByEmail(db, address)) return 'sent';
	return (await sendEmailConfirmation(db, mailer, input.user, address, input.origin)) ? 'sent' : 'too-many';
}

export { endOtherSessions };

export async function endSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
	return (
		(
			await db
				.delete(sessions)
				.where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
				.returning({ id: sessions.id })
		).length === 1
	);
}
