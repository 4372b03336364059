import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { clients, type Client } from '../db/schema.ts';

export interface NewClient {
	name: string;
	email?: string | null;
	dateOfBirth?: string | null;
	notes?: string;
}

export function createClient(db: Db, trainerId: string, input: NewClient): Client {
	return db
		.insert(clients)
		.values({
			id: randomUUID(),
			trainerId,
			name: input.name,
			email: input.email || null,
			dateOfBirth: input.dateOfBirth || null,
			notes: input.notes ?? ''
		})
		.returning()
		.get();
}

export function listClientsOfTrainer(db: Db, trainerId: string): Client[] {
	return db.select().from(clients).where(eq(clients.trainerId, trainerId)).orderBy(asc(clients.name)).all();
}
