import { describe, expect, it } from 'vitest';
import { documentNameFor, parseDocumentName, practiceNameFor } from './document-name.ts';

describe('document names', () => {
	it('round-trips a document id', () => {
		const id = crypto.randomUUID();
		expect(parseDocumentName(documentNameFor(id))).toEqual({ kind: 'document', documentId: id });
	});

	it('round-trips a practice, named by its trainer', () => {
		const id = crypto.randomUUID();
		expect(practiceNameFor(id)).toBe(`practice:${id}`);
		expect(parseDocumentName(practiceNameFor(id))).toEqual({ kind: 'practice', trainerId: id });
	});

	it.each([
		'',
		'doc:',
		'doc:not-a-uuid',
		'practice:123',
		'practice:',
		`practice:${'a'.repeat(36)}`,
		'PRACTICE:00000000-0000-0000-0000-000000000000',
		`doc:${'a'.repeat(36)}`,
		'DOC:00000000-0000-0000-0000-000000000000'
	])('refuses %j', (name) => {
		expect(parseDocumentName(name)).toBeNull();
	});
});
