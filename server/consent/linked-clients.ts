import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { clients, users, type Client } from '../db/schema.ts';

/**
 * The client records an account is linked to (normally one), each with its trainer's names. An
 * archived record stays the client's to read (policy.ts); one in the trash is nobody's, so not listed.
 */
export function clientRecordsOfUser(db: Db, userId: string): Promise<Array<{ client: Client; trainerName: string; practiceName: string | null }>> {
	return db
		.select({ client: clients, trainerName: users.name, practiceName: users.practiceName })
		.from(clients)
		.innerJoin(users, eq(clients.trainerId, users.id))
		.where(and(eq(clients.userId, userId), isNull(clients.deletedAt), isNull(clients.purgedAt)))
		.orderBy(asc(clients.createdAt));
}

export async function trainerOf(db: Db, client: Pick<Client, 'trainerId'>): Promise<{ name: string; practiceName: string | null }> {
	const [trainer] = await db.select({ name: users.name, practiceName: users.practiceName }).from(users).where(eq(users.id, client.trainerId)).limit(1);
	return trainer ?? { name: 'Your trainer', practiceName: null };
}
