import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { users, type User } from '../db/schema.ts';

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string): User | undefined {
	return db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
}

export class EmailTakenError extends Error {
	constructor() {
		super('An account with this email already exists.');
	}
}

export function createUser(
	db: Executor,
	input: { email: string; name: string; passwordHash: string; role: User['role']; practiceName?: string | null }
): User {
	const email = normaliseEmail(input.email);
	try {
		return db
			.insert(users)
			.values({
				id: randomUUID(),
				email,
				name: input.name.trim(),
				passwordHash: input.passwordHash,
				role: input.role,
				practiceName: input.practiceName?.trim() || null
			})
			.returning()
			.get();
	} catch (error) {
		// The unique index decides, so two sign-ups racing for one email cannot both win.
		if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
			throw new EmailTakenError();
		}
		throw error;
	}
}
