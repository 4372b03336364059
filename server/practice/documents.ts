import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { documents, type Document, type DocumentKind } from '../db/schema.ts';

export const documentKindLabels: Record<DocumentKind, string> = {
	progress_log: 'Progress log'
};

export function createDocument(db: Db, clientId: string, input: { title: string; kind: DocumentKind }): Document {
	return db
		.insert(documents)
		.values({ id: randomUUID(), clientId, kind: input.kind, title: input.title })
		.returning()
		.get();
}

export function listDocumentsOfClient(db: Db, clientId: string): Document[] {
	return db.select().from(documents).where(eq(documents.clientId, clientId)).orderBy(desc(documents.updatedAt)).all();
}

export function getDocument(db: Db, documentId: string): Document | undefined {
	return db.select().from(documents).where(eq(documents.id, documentId)).get();
}

export function touchDocument(db: Db, documentId: string, at: Date): void {
	db.update(documents).set({ updatedAt: at }).where(eq(documents.id, documentId)).run();
}
