import { and, eq, ne } from 'drizzle-orm';
import { isUniqueViolation, type Db } from '../db/client.ts';
import { sessions, users, type User } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { accountExistsMail, emailChangedMail, passwordResetMail, verifyEmailMail } from '../mail/messages/account.ts';
import { findUserByEmail, normaliseEmail } from '../practice/users.ts';
import { issueAccountToken, issuedSince, RESET_LIFETIME_MS, spendAccountToken, spendAllOf, VERIFY_LIFETIME_MS } from './account-tokens.ts';

/** At most this many reset (or confirmation) emails an hour per account, whoever fills in the form. */
const MAILS_PER_HOUR = 3;
const HOUR = 60 * 60 * 1000;

/**
 * "Forgot password": mails a reset link when the address has an account, and does nothing
 * otherwise. The caller answers the same either way, so the form reveals no accounts.
 */
export async function requestPasswordReset(db: Db, mailer: Mailer, email: string, origin: string, now = Date.now()): Promise<void> {
	const user = await findUserByEmail(db, email);
	if (!user) return;
	if ((await issuedSince(db, user.id, 'reset_password', now - HOUR)) >= MAILS_PER_HOUR) return;
	const token = await issueAccountToken(db, { userId: user.id, purpose: 'reset_password', email: user.email, lifetimeMs: RESET_LIFETIME_MS, now });
	await mailer.send({ kind: 'password_reset', to: user.email, toName: user.name, ...passwordResetMail({ name: user.name, url: `${origin}/reset/${token}` }) });
}

/**
 * Sets the new password and ends every session of the account, in one transaction; the token
 * then works no more. The link came to the account's address, so that address is confirmed too.
 * Returns the user, or undefined when the link is used, expired or unknown.
 */
export async function resetPassword(db: Db, token: string, passwordHash: string, now = Date.now()): Promise<Pick<User, 'id' | 'email'> | undefined> {
	return db.transaction(async (tx) => {
		const spent = await spendAccountToken(tx, token, 'reset_password', now);
		if (!spent) return undefined;
		const [user] = await tx
			.select({ id: users.id, email: users.email, emailVerifiedAt: users.emailVerifiedAt })
			.from(users)
			.where(eq(users.id, spent.userId))
			.limit(1);
		if (!user) return undefined;
		await tx
			.update(users)
			.set({ passwordHash, ...(user.email === spent.email && !user.emailVerifiedAt ? { emailVerifiedAt: new Date(now), activationPending: false } : {}) })
			.where(eq(users.id, user.id));
		await spendAllOf(tx, user.id, 'reset_password', now);
		await tx.delete(sessions).where(eq(sessions.userId, user.id));
		return { id: user.id, email: user.email };
	});
}

/** Mails a confirmation link for `email` (the account's address, or the one it is changing to). */
export async function sendEmailConfirmation(
	db: Db,
	mailer: Mailer,
	user: Pick<User, 'id' | 'name'>,
	email: string,
	origin: string,
	now = Date.now()
): Promise<boolean> {
	if ((await issuedSince(db, user.id, 'verify_email', now - HOUR)) >= MAILS_PER_HOUR) return false;
	const address = normaliseEmail(email);
	const [current] = await db.select({ email: users.email }).from(users).where(eq(users.id, user.id)).limit(1);
	const token = await issueAccountToken(db, { userId: user.id, purpose: 'verify_email', email: address, lifetimeMs: VERIFY_LIFETIME_MS, now });
	await mailer.send({
		kind: current?.email === address ? 'verify_email' : 'confirm_new_email',
		to: address,
		toName: user.name,
		...verifyEmailMail({ name: user.name, url: `${origin}/verify/${token}`, change: current?.email !== address })
	});
	return true;
}

/** activated: the link finished a sign-up made while mail was configured (the account opens now). */
export type Confirmation = { ok: true; userId: string; changedFrom: string | null; activated: boolean } | { ok: false; reason: 'invalid' | 'taken' };

/**
 * Confirms the address the link was sent to. For a change of address, the account moves to it
 * only now, and the old address is told; an address taken meanwhile by another account is refused.
 */
export async function confirmEmail(db: Db, mailer: Mailer, token: string, now = Date.now()): Promise<Confirmation> {
	let outcome: Confirmation & { name?: string };
	try {
		outcome = await db.transaction(async (tx) => {
			const spent = await spendAccountToken(tx, token, 'verify_email', now);
			if (!spent) return { ok: false as const, reason: 'invalid' as const };
			const [user] = await tx
				.select({ email: users.email, name: users.name, activationPending: users.activationPending })
				.from(users)
				.where(eq(users.id, spent.userId))
				.limit(1);
			if (!user) return { ok: false as const, reason: 'invalid' as const };
			await tx
				.update(users)
				.set({ email: spent.email, emailVerifiedAt: new Date(now), activationPending: false })
				.where(eq(users.id, spent.userId));
			return {
				ok: true as const,
				userId: spent.userId,
				changedFrom: user.email === spent.email ? null : user.email,
				name: user.name,
				activated: user.activationPending
			};
		});
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, reason: 'taken' };
		throw error;
	}
	if (outcome.ok && outcome.changedFrom) {
		const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, outcome.userId)).limit(1);
		await mailer.send({ kind: 'email_changed', to: outcome.changedFrom, ...emailChangedMail({ name: outcome.name ?? '', newEmail: user?.email ?? '' }) });
	}
	return outcome.ok ? { ok: true, userId: outcome.userId, changedFrom: outcome.changedFrom, activated: outcome.activated } : outcome;
}

/** Sign-up with an address that has an account: no second account, and the owner is told instead. */
export async function mailExistingOwner(db: Db, mailer: Mailer, email: string, origin: string, now = Date.now()): Promise<void> {
	const user = await findUserByEmail(db, email);
	if (!user) return;
	// Signed up before and never followed the link: what they need is the link again.
	if (user.activationPending) {
		await sendEmailConfirmation(db, mailer, user, user.email, origin, now);
		return;
	}
	// Counted with the reset mails: both are mail a stranger can make this account receive.
	if ((await issuedSince(db, user.id, 'reset_password', now - HOUR)) >= MAILS_PER_HOUR) return;
	const token = await issueAccountToken(db, { userId: user.id, purpose: 'reset_password', email: user.email, lifetimeMs: RESET_LIFETIME_MS, now });
	await mailer.send({
		kind: 'account_exists',
		to: user.email,
		toName: user.name,
		...accountExistsMail({ name: user.name, signInUrl: `${origin}/signin`, resetUrl: `${origin}/reset/${token}` })
	});
}

/** Ends every session of the user but this one: after a password change, and "sign out of all others". */
export async function endOtherSessions(db: Db, userId: string, keepSessionId: string): Promise<number> {
	return (
		await db
			.delete(sessions)
			.where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
			.returning({ id: sessions.id })
	).length;
}
