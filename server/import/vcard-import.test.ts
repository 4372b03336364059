import { describe, expect, it } from 'vitest';
import { CsvError, guessMapping, parseCsv, planProviders } from './csv-import.ts';
import { looksLikeVcard, vcardsAsCsv } from './vcard-import.ts';

const card = (lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\r\n');

const file = [
	card([
		'FN:Dr. Ana Ruiz',
		'N:Ruiz;Ana;;Dr.;',
		'ORG:Riverside Orthopaedics;Knee unit',
		'TITLE:Physician',
		'TEL;TYPE=WORK,FAX:+1 555 0101',
		'TEL;TYPE=WORK,VOICE:+1 555 0100',
		'EMAIL;TYPE=INTERNET,HOME:ana@home.example',
		'EMAIL;TYPE=INTERNET,WORK:ana@riverside.example',
		'ADR;TYPE=WORK:;;12 River Rd;Springfield;IL;62701;USA',
		'NOTE:Prefers fax\\, mornings'
	]),
	card(['N:Lee;Sam;;;', 'TITLE:Sports medicine', 'TEL;TYPE=CELL:555 0200']),
	card(['FN:ana ruiz', 'TITLE:Physician']),
	card(['ORG:No name here'])
].join('\r\n');

describe('vcardsAsCsv', () => {
	it('turns each card into a row the CSV import maps by heading, checks and de-duplicates', () => {
		expect(looksLikeVcard(file)).toBe(true);
		expect(looksLikeVcard('Name,Email\nAna,ana@example.org')).toBe(false);
		const parsed = parseCsv(vcardsAsCsv(file));
		const plan = planProviders(parsed, guessMapping('providers', parsed.headers), []);
		expect(plan.map((row) => [row.line, row.status])).toEqual([
			[2, 'new'],
			[3, 'new'],
			[4, 'duplicate'],
			[5, 'invalid']
		]);
		expect(plan[0]!.record).toMatchObject({
			name: 'Dr. Ana Ruiz',
			role: 'physician',
			practiceName: 'Riverside Orthopaedics',
			phone: '+1 555 0100',
			fax: '+1 555 0101',
			email: 'ana@riverside.example',
			address: '12 River Rd, Springfield, IL, 62701, USA',
			notes: 'Prefers fax, mornings'
		});
		// No FN: the structured name; a title that is not a role is the specialty.
		expect(plan[1]!.record).toMatchObject({ name: 'Sam Lee', role: 'other', specialty: 'Sports medicine', phone: '555 0200' });
		expect(plan[2]!.messages).toEqual(['The same provider as row 2.']);
		expect(plan[3]!.messages[0]).toMatch(/^Name: /);
	});

	it('says plainly when the file is not a readable vCard, or holds no contacts', () => {
		expect(() => vcardsAsCsv('BEGIN:VCARD\r\nFN:Ana\r\n')).toThrow(CsvError);
		expect(() => vcardsAsCsv('BEGIN:VCARD\r\nFN:Ana\r\n')).toThrow(/could not be read/);
		expect(() => vcardsAsCsv('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).toThrow(/no contacts/);
	});
});
