import type * as Y from 'yjs';
import type { Sex } from '../../src/lib/shared/measures/catalogue.ts';
import { readCustomMeasures, readMeasurements, readReferenceSex } from '../../src/lib/shared/measures/store.ts';
import type { CustomMeasure, Measurement } from '../../src/lib/shared/measures/types.ts';
import { loadStoredDocument } from '../collab/stored-document.ts';
import type { Executor } from '../db/client.ts';

export interface DocumentMeasures {
	measurements: Measurement[];
	customs: CustomMeasure[];
	sex: Sex | undefined;
}

/** The outcome measures held in a document's Y.Doc, as plain data for OutcomeReport.svelte. */
export function measuresOf(doc: Y.Doc): DocumentMeasures {
	return { measurements: readMeasurements(doc), customs: readCustomMeasures(doc), sex: readReferenceSex(doc) };
}

/** The same, read from storage: for pages with no live connection (a sent version, a PDF). */
export async function readDocumentMeasures(db: Executor, documentId: string): Promise<DocumentMeasures> {
	const doc = await loadStoredDocument(db, documentId);
	try {
		return measuresOf(doc);
	} finally {
		doc.destroy();
	}
}
