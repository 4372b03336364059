import type { Sex } from '../../src/lib/measures/catalogue.ts';
import { readCustomMeasures, readMeasurements, readReferenceSex } from '../../src/lib/measures/store.ts';
import type { CustomMeasure, Measurement } from '../../src/lib/measures/types.ts';
import { loadDocumentState, type Reader } from './document-state.ts';

export interface DocumentMeasures {
	measurements: Measurement[];
	customs: CustomMeasure[];
	sex: Sex | undefined;
}

/**
 * A document's outcome measures as plain data, read on the server: what a page without a live
 * connection (the provider's shared report) passes to OutcomeReport.svelte.
 */
export function readDocumentMeasures(db: Reader, documentId: string): DocumentMeasures {
	const doc = loadDocumentState(db, documentId);
	try {
		return { measurements: readMeasurements(doc), customs: readCustomMeasures(doc), sex: readReferenceSex(doc) };
	} finally {
		doc.destroy();
	}
}
