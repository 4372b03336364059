import { desc, eq } from 'drizzle-orm';
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

export function recordAudit(db: Db, input: AuditInput, at = new Date()): void {
	db.insert(auditLog)
		.values({ at, ...input, userAgent: input.userAgent?.slice(0, 400) ?? null })
		.run();
}

/** The trail of one client's documents, newest first, with the link's provider for each line. */
export function auditTrailOfClient(db: Db, clientId: string, limit = 500) {
	return db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			event: auditLog.event,
			detail: auditLog.detail,
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
		.limit(limit)
		.all();
}
