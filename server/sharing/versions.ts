import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { loadStoredDocument } from '../collab/document-store.ts';
import type { Db } from '../db/client.ts';
import { sentVersions, type Document, type SentVersion } from '../db/schema.ts';
import { documentHTML } from './render.ts';

/** Freezes the report as it is now: its rendered text and the Yjs state behind it. */
export function markSent(db: Db, document: Document, sender: { id: string; name: string }, note: string | null, at = new Date()): SentVersion {
	const doc = loadStoredDocument(db, document.id);
	try {
		return db
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
			.returning()
			.get();
	} finally {
		doc.destroy();
	}
}

export function listSentVersions(db: Db, documentId: string) {
	return db
		.select({ id: sentVersions.id, title: sentVersions.title, sentAt: sentVersions.sentAt, sentByName: sentVersions.sentByName, note: sentVersions.note })
		.from(sentVersions)
		.where(eq(sentVersions.documentId, documentId))
		.orderBy(desc(sentVersions.sentAt))
		.all();
}

export function getSentVersion(db: Db, documentId: string, versionId: string): SentVersion | undefined {
	return db
		.select()
		.from(sentVersions)
		.where(and(eq(sentVersions.id, versionId), eq(sentVersions.documentId, documentId)))
		.get();
}

export function sentVersionDoc(version: SentVersion): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, version.state);
	return doc;
}
