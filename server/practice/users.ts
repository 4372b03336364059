import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { isUniqueViolation, type Db, type Executor } from '../db/client.ts';
import { users, type User } from '../db/schema.ts';

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(users.email, normaliseEmail(email)))
		.limit(1);
	return user;
}

export class EmailTakenError extends Error {
	constructor() {
		super('An account with this email already exists.');
	}
}

export async function createUser(
	db: Executor,
	input: { email: string; name: string; passwordHash: string; role: User['role']; practiceName?: string | null; activationPending?: boolean }
): Promise<User> {
	const email = normaliseEmail(input.email);
	try {
		const [user] = await db
			.insert(users)
			.values({
				id: randomUUID(),
				email,
				name: input.name.trim(),
				passwordHash: input.passwordHash,
				role: input.role,
				practiceName: input.practiceName?.trim() || null,
				activationPending: input.activationPending ?? false
			})
			.returning();
		return user!;
	} catch (error) {
		// The unique index decides, so two sign-ups racing for one email cannot both win.
		if (isUniqueViolation(error)) throw new EmailTakenError();
		throw error;
	}
}
