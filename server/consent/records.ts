import { randomUUID } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import type { Clock } from '../auth/session.ts';
import { insertionOrder, type Executor } from '../db/client.ts';
import { consentRecords, type ConsentRecord } from '../db/schema.ts';

export type NewConsentRecord = Omit<typeof consentRecords.$inferInsert, 'id'>;

export type ConsentStatus = 'none' | 'active' | 'revoked' | 'expired';

export interface ConsentState {
	status: ConsentStatus;
	/** The record in force (or the last one, when revoked or expired). */
	record: ConsentRecord | undefined;
	/** The client may read and write their documents with the trainer. */
	coEditing: boolean;
	/** Something may be disclosed to providers under the record's terms. */
	sharing: boolean;
}

const systemClock: Clock = () => Date.now();

export async function appendConsentRecord(db: Executor, values: NewConsentRecord): Promise<ConsentRecord> {
	const [record] = await db
		.insert(consentRecords)
		.values({ id: randomUUID(), ...values })
		.returning();
	return record!;
}

/** Oldest first: the order a person reads a history in. Insertion order breaks ties within a millisecond. */
export function consentHistory(db: Executor, clientId: string): Promise<ConsentRecord[]> {
	return db.select().from(consentRecords).where(eq(consentRecords.clientId, clientId)).orderBy(asc(consentRecords.signedAt), asc(insertionOrder()));
}

export async function latestConsentRecord(db: Executor, clientId: string): Promise<ConsentRecord | undefined> {
	const [record] = await db
		.select()
		.from(consentRecords)
		.where(eq(consentRecords.clientId, clientId))
		.orderBy(desc(consentRecords.signedAt), desc(insertionOrder()))
		.limit(1);
	return record;
}

/** Today's date where the practice is does not matter to a day: UTC keeps it deterministic. */
export function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export function stateOf(record: ConsentRecord | undefined, now: number): ConsentState {
	if (!record) return { status: 'none', record, coEditing: false, sharing: false };
	if (record.action === 'revoke') return { status: 'revoked', record, coEditing: false, sharing: false };
	// expiresOn is the last day the consent holds.
	if (record.expiresOn < isoDate(now)) return { status: 'expired', record, coEditing: false, sharing: false };
	return { status: 'active', record, coEditing: record.coEditing, sharing: true };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The moment a consent in force ends by its date: the start of the day after expiresOn (UTC). */
export function consentEndsAt(state: ConsentState): number | null {
	if (state.status !== 'active' || !state.record) return null;
	return Date.parse(`${state.record.expiresOn}T00:00:00Z`) + DAY_MS;
}

export async function consentState(db: Executor, clientId: string, now: Clock = systemClock): Promise<ConsentState> {
	return stateOf(await latestConsentRecord(db, clientId), now());
}
