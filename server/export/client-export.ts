// A client's own records, for their right of access: what the practice holds about them that
// Bridgework shows them (their record, the documents about them, measurements), every consent they
// signed with its exact text, whom their reports were shared with, and who opened them. The
// trainer's private working notes are left out, as they are from the client's pages, and the
// export says so.
import { and, eq } from 'drizzle-orm';
import { readMeasurements } from '../../src/lib/shared/measures/store.ts';
import { loadStoredDocument } from '../collab/stored-document.ts';
import { consentHistory } from '../consent/records.ts';
import type { Db } from '../db/client.ts';
import { documents, shareLinks, users, type Client } from '../db/schema.ts';
import { listArchivedDocumentsOfClient, listDocumentsOfClient } from '../practice/documents.ts';
import { auditTrailOfClient } from '../sharing/audit.ts';
import { documentHTML } from '../sharing/render.ts';

export const CLIENT_EXPORT_FORMAT = 'bridgework-client-records';

export async function clientRecords(db: Db, client: Client, now = new Date()) {
	const [trainer] = await db.select({ name: users.name, practiceName: users.practiceName }).from(users).where(eq(users.id, client.trainerId)).limit(1);
	const visible = [
		...(await listDocumentsOfClient(db, client.id, { includePrivate: false })),
		...(await listArchivedDocumentsOfClient(db, client.id)).filter((d) => !d.private)
	];
	const documentsOut = [];
	for (const document of visible) {
		const doc = await loadStoredDocument(db, document.id);
		try {
			documentsOut.push({
				id: document.id,
				title: document.title,
				kind: document.kind,
				createdAt: document.createdAt,
				updatedAt: document.updatedAt,
				archivedAt: document.archivedAt,
				html: documentHTML(doc),
				measurements: readMeasurements(doc)
			});
		} finally {
			doc.destroy();
		}
	}
	const links = await db
		.select({
			documentTitle: documents.title,
			providerName: shareLinks.providerName,
			providerRole: shareLinks.providerRole,
			providerPractice: shareLinks.providerPractice,
			createdAt: shareLinks.createdAt,
			expiresAt: shareLinks.expiresAt,
			approvedAt: shareLinks.approvedAt,
			revokedAt: shareLinks.revokedAt,
			revokedReason: shareLinks.revokedReason
		})
		.from(shareLinks)
		.innerJoin(documents, and(eq(shareLinks.documentId, documents.id), eq(documents.private, false)))
		.where(eq(shareLinks.clientId, client.id));
	return {
		format: CLIENT_EXPORT_FORMAT,
		version: 1,
		exportedAt: now.toISOString(),
		practice: { trainer: trainer?.name ?? null, name: trainer?.practiceName ?? null },
		notIncluded: "The trainer's private working notes about you are not in this file, as they are not on your pages. You may ask the practice for them.",
		record: {
			name: client.name,
			email: client.email,
			dateOfBirth: client.dateOfBirth,
			createdAt: client.createdAt,
			archivedAt: client.archivedAt,
			deletedAt: client.deletedAt
		},
		documents: documentsOut,
		consentHistory: (await consentHistory(db, client.id)).map(({ clientId: _clientId, ...record }) => record),
		sharedWith: links,
		auditTrail: (await auditTrailOfClient(db, client.id, 10_000)).map(({ id: _id, ...entry }) => entry)
	};
}
