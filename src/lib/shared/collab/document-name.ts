// Collaboration document names are "<kind>:<id>". Parsed here and nowhere else.
const DOCUMENT_PREFIX = 'doc:';
/** A trainer's practice: provider directory, touchpoints and referrals, one Y.Doc per trainer. */
const PRACTICE_PREFIX = 'practice:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type DocumentName = { kind: 'document'; documentId: string } | { kind: 'practice'; trainerId: string };

export function documentNameFor(documentId: string): string {
	return `${DOCUMENT_PREFIX}${documentId}`;
}

export function practiceNameFor(trainerId: string): string {
	return `${PRACTICE_PREFIX}${trainerId}`;
}

export function parseDocumentName(name: string): DocumentName | null {
	if (name.startsWith(DOCUMENT_PREFIX)) {
		const documentId = name.slice(DOCUMENT_PREFIX.length);
		return UUID.test(documentId) ? { kind: 'document', documentId } : null;
	}
	if (name.startsWith(PRACTICE_PREFIX)) {
		const trainerId = name.slice(PRACTICE_PREFIX.length);
		return UUID.test(trainerId) ? { kind: 'practice', trainerId } : null;
	}
	return null;
}
