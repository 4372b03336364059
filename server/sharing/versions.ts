import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { loadStoredDocument } from '../collab/stored-document.ts';
import type { Db } from '../db/client.ts';
import { sentVersions, type Document, type SentVersion } from '../db/schema.ts';
import { documentHTML } from './render.ts';

/** Freezes the report as it is now: its rendered text and the Yjs state behind it. */
export async function markSent(db: Db, document: Document, sender: { id: string; name: string }, note: string | null, at = new Date()): Promise<SentVersion> {
	const doc = await loadStoredDocument(db, document.id);
	try {
		const [version] = await db
			.insert(sentVersions)
			.values({
				id: randomUUID(),
				documentId: document.id,
				title: document.title,
				sentAt: at,
				sentBy: sender.id,
				sentByName: sender.name,
				note,
				html: documentHTML(doc),
				state: Buffer.from(Y.encodeStateAsUpdate(doc))
			})
			.returning();
		return version!;
	} finally {
		doc.destroy();
	}
}

export async function listSentVersions(db: Db, documentId: string) {
	return await db
		.select({ id: sentVersions.id, title: sentVersions.title, sentAt: sentVersions.sentAt, sentByName: sentVersions.sentByName, note: sentVersions.note })
		.from(sentVersions)
		.where(eq(sentVersions.documentId, documentId))
		.orderBy(desc(sentVersions.sentAt));
}

export async function getSentVersion(db: Db, documentId: string, versionId: string): Promise<SentVersion | undefined> {
	const [version] = await db
		.select()
		.from(sentVersions)
		.where(and(eq(sentVersions.id, versionId), eq(sentVersions.documentId, documentId)))
		.limit(1);
	return version;
}

export function sentVersionDoc(version: SentVersion): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, version.state);
	return doc;
}
