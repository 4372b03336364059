// Collaboration document names are "<kind>:<id>". Parsed here and nowhere else.
const DOCUMENT_PREFIX = 'doc:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type DocumentName = { kind: 'document'; documentId: string };

export function documentNameFor(documentId: string): string {
	return `${DOCUMENT_PREFIX}${documentId}`;
}

export function parseDocumentName(name: string): DocumentName | null {
	if (!name.startsWith(DOCUMENT_PREFIX)) return null;
	const documentId = name.slice(DOCUMENT_PREFIX.length);
	return UUID.test(documentId) ? { kind: 'document', documentId } : null;
}
