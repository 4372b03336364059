import { and, asc, eq, inArray, isNull, max } from 'drizzle-orm';
import { stateOf, type ConsentStatus } from '../consent/records.ts';
import type { Db } from '../db/client.ts';
import { clients, consentRecords, documents, practiceSettings, sentVersions, shareLinks, type ConsentRecord } from '../db/schema.ts';

/**
 * What a trainer plans a day by, per client: consent, the last thing that happened, the last
 * report a provider received and when the next one is due. One query per column, whatever the
 * number of clients.
 */

export const REPORT_INTERVAL_CHOICES = [14, 28, 42, 56, 84] as const;
export const DEFAULT_REPORT_INTERVAL_DAYS = 28;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function reportIntervalOf(db: Db, trainerId: string): Promise<number> {
	const [row] = await db.select({ days: practiceSettings.reportIntervalDays }).from(practiceSettings).where(eq(practiceSettings.trainerId, trainerId)).limit(1);
	return row?.days ?? DEFAULT_REPORT_INTERVAL_DAYS;
}

export async function setReportInterval(db: Db, trainerId: string, days: number): Promise<void> {
	if (!(REPORT_INTERVAL_CHOICES as readonly number[]).includes(days)) throw new RangeError(`A report interval of ${days} days is not offered.`);
	await db
		.insert(practiceSettings)
		.values({ trainerId, reportIntervalDays: days })
		.onConflictDoUpdate({ target: practiceSettings.trainerId, set: { reportIntervalDays: days } });
}

export interface ClientOverview {
	id: string;
	name: string;
	email: string | null;
	consent: { status: ConsentStatus; coEditing: boolean; expiresOn: string | null };
	/** ms: the latest document edit, consent signature or share, or when the client was added. */
	lastActivity: number;
	/** ms of the last share link made or version sent for one of the client's documents, or null. */
	lastReportShared: number | null;
	/** ms: a report is due one interval after the last one, or after the client was added. */
	nextReportDue: number;
}

function latestBy<K extends string>(rows: Array<{ key: K | null; at: Date | null }>): Map<K, number> {
	const latest = new Map<K, number>();
	for (const { key, at } of rows) if (key && at) latest.set(key, Math.max(latest.get(key) ?? 0, at.getTime()));
	return latest;
}

export async function clientOverview(db: Db, trainerId: string, now: number = Date.now()): Promise<{ intervalDays: number; clients: ClientOverview[] }> {
	const intervalDays = await reportIntervalOf(db, trainerId);
	const rows = await db
		.select({ id: clients.id, name: clients.name, email: clients.email, createdAt: clients.createdAt })
		.from(clients)
		.where(and(eq(clients.trainerId, trainerId), isNull(clients.archivedAt), isNull(clients.deletedAt), isNull(clients.purgedAt)))
		.orderBy(asc(clients.name));
	const ids = rows.map((row) => row.id);
	if (ids.length === 0) return { intervalDays, clients: [] };

	const inUse = and(inArray(documents.clientId, ids), isNull(documents.deletedAt), isNull(documents.purgedAt));
	const edited = latestBy(
		await db
			.select({ key: documents.clientId, at: max(documents.updatedAt) })
			.from(documents)
			.where(inUse)
			.groupBy(documents.clientId)
	);
	const shared = latestBy(
		await db
			.select({ key: shareLinks.clientId, at: max(shareLinks.createdAt) })
			.from(shareLinks)
			.where(inArray(shareLinks.clientId, ids))
			.groupBy(shareLinks.clientId)
	);
	const sent = latestBy(
		await db
			.select({ key: documents.clientId, at: max(sentVersions.sentAt) })
			.from(sentVersions)
			.innerJoin(documents, eq(sentVersions.documentId, documents.id))
			.where(inArray(documents.clientId, ids))
			.groupBy(documents.clientId)
	);
	const latestConsent = new Map<string, ConsentRecord>();
	for (const record of await db.select().from(consentRecords).where(inArray(consentRecords.clientId, ids)).orderBy(asc(consentRecords.signedAt))) {
		latestConsent.set(record.clientId, record);
	}

	return {
		intervalDays,
		clients: rows.map((row) => {
			const record = latestConsent.get(row.id);
			const state = stateOf(record, now);
			const reported = Math.max(shared.get(row.id) ?? 0, sent.get(row.id) ?? 0) || null;
			return {
				id: row.id,
				name: row.name,
				email: row.email,
				consent: { status: state.status, coEditing: state.coEditing, expiresOn: state.status === 'active' ? (record?.expiresOn ?? null) : null },
				lastActivity: Math.max(row.createdAt.getTime(), edited.get(row.id) ?? 0, record?.signedAt.getTime() ?? 0, reported ?? 0),
				lastReportShared: reported,
				nextReportDue: (reported ?? row.createdAt.getTime()) + intervalDays * DAY_MS
			};
		})
	};
}
