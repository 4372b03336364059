import { and, count, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { practiceSettings, recoveryCodes, sessions, twoFactor } from '../db/schema.ts';
import { openSecret, sealSecret } from './sealed-secret.ts';
import { acceptTotp, keyAsText, matchRecoveryCode, newRecoveryCodes, newTotpKey, totpUri } from './two-factor.ts';

/** What a trainer's two-factor sign-in looks like, for the account page and for sign-in. */
export interface TwoFactorStatus {
	enabled: boolean;
	enabledAt: Date | null;
	recoveryCodesLeft: number;
}

export async function twoFactorStatus(db: Db, userId: string): Promise<TwoFactorStatus> {
	const [row] = await db.select({ enabledAt: twoFactor.enabledAt }).from(twoFactor).where(eq(twoFactor.userId, userId)).limit(1);
	const enabledAt = row?.enabledAt ?? null;
	if (!enabledAt) return { enabled: false, enabledAt: null, recoveryCodesLeft: 0 };
	const [left] = await db
		.select({ n: count() })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
	return { enabled: true, enabledAt, recoveryCodesLeft: Number(left?.n ?? 0) };
}

export interface PendingSetup {
	/** The key as people type it into an app by hand. */
	keyText: string;
	/** otpauth:// for the QR code. */
	uri: string;
}

/**
 * Starts setting up an authenticator, or shows the one already begun: reloading the page after
 * scanning the code must not change the key the app now holds. Null when it is already on.
 */
export async function beginSetup(db: Db, sealingKey: Uint8Array, user: { id: string; email: string }, issuer = 'Bridgework'): Promise<PendingSetup | null> {
	const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, user.id)).limit(1);
	if (row?.enabledAt) return null;
	let key = row ? openSecret(sealingKey, user.id, row.sealedKey) : null;
	if (!key) {
		// No setup yet, or one sealed with a key the server no longer has: start afresh.
		key = newTotpKey();
		const sealedKey = sealSecret(sealingKey, user.id, key);
		await db
			.insert(twoFactor)
			.values({ userId: user.id, sealedKey, enabledAt: null, lastUsedStep: null, createdAt: new Date() })
			.onConflictDoUpdate({ target: twoFactor.userId, set: { sealedKey, enabledAt: null, lastUsedStep: null } });
	}
	return { keyText: keyAsText(key), uri: totpUri(issuer, user.email, key) };
}

/**
 * Turns two-factor on once the app shows a right code, and hands back the recovery codes, shown
 * once. Every other session ends: one that signed in with the password alone must not outlive
 * the change that says a password alone is not enough.
 */
export async function confirmSetup(
	db: Db,
	sealingKey: Uint8Array,
	input: { userId: string; code: string; keepSessionId: string; now?: number }
): Promise<{ recoveryCodes: string[] } | 'wrong-code' | 'not-started'> {
	const now = input.now ?? Date.now();
	const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, input.userId)).limit(1);
	if (!row || row.enabledAt) return 'not-started';
	const key = openSecret(sealingKey, input.userId, row.sealedKey);
	if (!key) return 'not-started';
	const step = acceptTotp(key, input.code, now, row.lastUsedStep);
	if (step === null) return 'wrong-code';
	const { codes, hashes } = newRecoveryCodes();
	const turnedOn = await db.transaction(async (tx) => {
		const [updated] = await tx
			.update(twoFactor)
			.set({ enabledAt: new Date(now), lastUsedStep: step })
			.where(and(eq(twoFactor.userId, input.userId), isNull(twoFactor.enabledAt), eq(twoFactor.sealedKey, row.sealedKey)))
			.returning({ userId: twoFactor.userId });
		if (!updated) return false;
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, input.userId));
		await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ codeHash, userId: input.userId, usedAt: null })));
		await tx.delete(sessions).where(and(eq(sessions.userId, input.userId), ne(sessions.id, input.keepSessionId)));
		return true;
	});
	return turnedOn ? { recoveryCodes: codes } : 'not-started';
}

export type SecondFactor = { by: 'app' } | { by: 'recovery-code'; left: number };

/**
 * Checks a code typed at sign-in: the app's current code (each works once: the step is stored
 * by a conditional update that only one of two racing requests wins), or an unused recovery code,
 * struck out as it is used. Recovery codes work even when the sealing key is lost.
 */
export async function checkSecondFactor(db: Db, sealingKey: Uint8Array | null, userId: string, code: string, now = Date.now()): Promise<SecondFactor | null> {
	const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, userId)).limit(1);
	if (!row?.enabledAt) return null;
	const key = sealingKey ? openSecret(sealingKey, userId, row.sealedKey) : null;
	const step = key ? acceptTotp(key, code, now, row.lastUsedStep) : null;
	if (step !== null) {
		const [won] = await db
			.update(twoFactor)
			.set({ lastUsedStep: step })
			.where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.lastUsedStep), lt(twoFactor.lastUsedStep, step))))
			.returning({ userId: twoFactor.userId });
		return won ? { by: 'app' } : null;
	}
	const unused = await db
		.select({ codeHash: recoveryCodes.codeHash })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
	const match = matchRecoveryCode(
		code,
		unused.map((r) => r.codeHash)
	);
	if (!match) return null;
	const [spent] = await db
		.update(recoveryCodes)
		.set({ usedAt: new Date(now) })
		.where(and(eq(recoveryCodes.codeHash, match), eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
		.returning({ codeHash: recoveryCodes.codeHash });
	return spent ? { by: 'recovery-code', left: unused.length - 1 } : null;
}

/** Ten new recovery codes in place of the old ones (all of which stop working). */
export async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[] | null> {
	const { codes, hashes } = newRecoveryCodes();
	const replaced = await db.transaction(async (tx) => {
		const [row] = await tx.select({ enabledAt: twoFactor.enabledAt }).from(twoFactor).where(eq(twoFactor.userId, userId)).limit(1);
		if (!row?.enabledAt) return false;
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ codeHash, userId, usedAt: null })));
		return true;
	});
	return replaced ? codes : null;
}

export async function turnOffTwoFactor(db: Db, userId: string): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
	});
}

/** The practice setting: while on, its trainer cannot turn two-factor sign-in off. */
export async function practiceRequiresTwoFactor(db: Db, trainerId: string): Promise<boolean> {
	const [row] = await db.select({ on: practiceSettings.requireTwoFactor }).from(practiceSettings).where(eq(practiceSettings.trainerId, trainerId)).limit(1);
	return row?.on ?? false;
}

export async function setPracticeRequirement(db: Db, trainerId: string, on: boolean): Promise<void> {
	await db
		.insert(practiceSettings)
		.values({ trainerId, requireTwoFactor: on })
		.onConflictDoUpdate({ target: practiceSettings.trainerId, set: { requireTwoFactor: on } });
}
