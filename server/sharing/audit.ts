import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog, documents, shareLinks, type AuditEvent } from '../db/schema.ts';

export interface AuditInput {
	event: AuditEvent;
	linkId?: string | null;
	clientId?: string | null;
	documentId?: string | null;
	detail?: string | null;
	ipAddress?: string | null;
	userAgent?: string | null;
}

export async function recordAudit(db: Db, input: AuditInput, at = new Date()): Promise<void> {
	await db.insert(auditLog).values({ at, ...input, userAgent: input.userAgent?.slice(0, 400) ?? null });
}

export const REFUSAL_WINDOW_MS = 60_000;

/**
 * Records a refused share link. Refusals from one address, for one link (or for unknown tokens)
 * and one reason, within a minute add to one row's count: guessing cannot grow the log faster than
 * a row per address, reason and minute (the reasons are a short fixed list), and a client still
 * sees every refusal of their own links.
 */
export async function recordRefusal(db: Db, input: Omit<AuditInput, 'event'>, at = new Date()): Promise<void> {
	const since = new Date(at.getTime() - (at.getTime() % REFUSAL_WINDOW_MS));
	const linkId = input.linkId ?? null;
	const ipAddress = input.ipAddress ?? null;
	const detail = input.detail ?? null;
	await db.transaction(async (tx) => {
		const [row] = await tx
			.select({ id: auditLog.id })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.event, 'refused'),
					ipAddress === null ? isNull(auditLog.ipAddress) : eq(auditLog.ipAddress, ipAddress),
					linkId === null ? isNull(auditLog.linkId) : eq(auditLog.linkId, linkId),
					detail === null ? isNull(auditLog.detail) : eq(auditLog.detail, detail),
					gte(auditLog.at, since)
				)
			)
			.orderBy(desc(auditLog.id))
			.limit(1);
		if (row) {
			await tx
				.update(auditLog)
				.set({ count: sql`${auditLog.count} + 1` })
				.where(eq(auditLog.id, row.id));
		} else {
			await tx.insert(auditLog).values({ at, event: 'refused', ...input, linkId, ipAddress, userAgent: input.userAgent?.slice(0, 400) ?? null });
		}
	});
}

/** The trail of one client's documents, newest first, with the link's provider for each line. */
export async function auditTrailOfClient(db: Db, clientId: string, limit = 500) {
	return await db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			event: auditLog.event,
			detail: auditLog.detail,
			count: auditLog.count,
			ipAddress: auditLog.ipAddress,
			userAgent: auditLog.userAgent,
			providerName: shareLinks.providerName,
			documentTitle: documents.title
		})
		.from(auditLog)
		.leftJoin(shareLinks, eq(auditLog.linkId, shareLinks.id))
		.leftJoin(documents, eq(auditLog.documentId, documents.id))
		.where(eq(auditLog.clientId, clientId))
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(limit);
}
