import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { clients, type Client } from '../db/schema.ts';
import { normaliseConditions } from '../../src/lib/shared/measures/outcome-summary.ts';

export interface ClientFields {
	name: string;
	email?: string | null;
	dateOfBirth?: string | null;
	notes?: string;
	/** Condition tags; left as they are when absent (a spreadsheet import names none). */
	conditions?: string[];
}

/** A client's condition tags, as stored ("Hypertension, Knee replacement"). */
export function conditionsOf(client: Pick<Client, 'conditions'>): string[] {
	return normaliseConditions(client.conditions.split(','));
}

export class ClientIdTakenError extends Error {
	constructor() {
		super('That id belongs to another record.');
	}
}

function columns(input: ClientFields) {
	return {
		name: input.name,
		email: input.email || null,
		dateOfBirth: input.dateOfBirth || null,
		notes: input.notes ?? '',
		...(input.conditions ? { conditions: normaliseConditions(input.conditions).join(', ') } : {})
	};
}

/**
 * Creates a client. `id` may be chosen by the device that typed the form (a form kept offline and
 * sent again): creating the same id twice for the same trainer returns the first client, so a
 * retried submission never makes a second one.
 */
export async function createClient(db: Db, trainerId: string, input: ClientFields, id: string = randomUUID()): Promise<Client> {
	return db.transaction(async (tx) => {
		const [existing] = await tx.select().from(clients).where(eq(clients.id, id)).limit(1);
		if (existing) {
			if (existing.trainerId !== trainerId) throw new ClientIdTakenError();
			return existing;
		}
		const [client] = await tx
			.insert(clients)
			.values({ id, trainerId, ...columns(input) })
			.returning();
		return client!;
	});
}

/** Corrects a client's details; false when there is no such client in use. */
export async function updateClient(db: Db, clientId: string, input: ClientFields): Promise<boolean> {
	const updated = await db
		.update(clients)
		.set(columns(input))
		.where(and(eq(clients.id, clientId), isNull(clients.archivedAt), isNull(clients.deletedAt), isNull(clients.purgedAt)))
		.returning({ id: clients.id });
	return updated.length > 0;
}

/** The clients in use: archived ones and the trash are listed apart. */
export function listClientsOfTrainer(db: Db, trainerId: string): Promise<Client[]> {
	return db
		.select()
		.from(clients)
		.where(and(eq(clients.trainerId, trainerId), isNull(clients.archivedAt), isNull(clients.deletedAt), isNull(clients.purgedAt)))
		.orderBy(asc(clients.name));
}

export async function listArchivedClientsOfTrainer(db: Db, trainerId: string): Promise<Client[]> {
	const rows = await db
		.select()
		.from(clients)
		.where(and(eq(clients.trainerId, trainerId), isNull(clients.deletedAt), isNull(clients.purgedAt)))
		.orderBy(asc(clients.name));
	return rows.filter((client) => client.archivedAt);
}
