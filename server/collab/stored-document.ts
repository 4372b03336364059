import type * as Y from 'yjs';
import type { Executor } from '../db/client.ts';
import { readStoredDoc } from './stored-state.ts';

/** A client document as the server has stored it, for reading on the server (reports, PDFs, snapshots). */
export function loadStoredDocument(db: Executor, documentId: string): Promise<Y.Doc> {
	return readStoredDoc(db, { kind: 'document', documentId });
}
