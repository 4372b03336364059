import { describe, expect, it } from 'vitest';
import { CsvError, guessMapping, mappingFrom, parseCsv, planClients, planProviders } from './csv-import.ts';

describe('parseCsv', () => {
	it('reads quoted fields with commas and line breaks, and a byte-order mark', () => {
		const parsed = parseCsv('\uFEFFName,Notes\r\n"Smith, Ann","knee\nand hip"\r\n\r\nBo Li,\r\n');
		expect(parsed.headers).toEqual(['Name', 'Notes']);
		expect(parsed.rows).toEqual([
			['Smith, Ann', 'knee\nand hip'],
			['Bo Li', '']
		]);
	});

	it('says what is wrong with an empty file, a heading alone, or an unclosed quote', () => {
		expect(() => parseCsv('')).toThrow(CsvError);
		expect(() => parseCsv('Name\n')).toThrow(/no rows/);
		expect(() => parseCsv('Name\n"Ann\n')).toThrow(/quote that is never closed/);
	});
});

describe('planClients', () => {
	const csv = parseCsv(
		[
			'Full name,E-mail,DOB,Comments',
			'Ann Smith,ann@example.org,1956-04-21,',
			'Bo Li,not-an-email,,',
			',x@example.org,,',
			'Cy Doe,cy@example.org,21/04/1956,',
			'ANN SMITH,ANN@example.org,,',
			'Di Roe,di@example.org,,',
			'Ed Poe,,,'
		].join('\n')
	);

	it('maps headings to fields, and checks every row as the form does', () => {
		const mapping = guessMapping('clients', csv.headers);
		expect(mapping).toEqual({ name: 0, email: 1, dateOfBirth: 2, notes: 3 });
		const plan = planClients(csv, mapping, [{ name: 'Di Roe', email: null, dateOfBirth: null }]);
		expect(plan.map((row) => [row.line, row.status])).toEqual([
			[2, 'new'],
			[3, 'invalid'],
			[4, 'invalid'],
			[5, 'invalid'],
			[6, 'duplicate'],
			[7, 'duplicate'],
			[8, 'new']
		]);
		expect(plan[1]!.messages[0]).toMatch(/^Email: Enter an email address/);
		expect(plan[2]!.messages[0]).toMatch(/^Name: Enter the client's name/);
		expect(plan[3]!.messages[0]).toMatch(/^Date of birth: Enter a real date of birth/);
		expect(plan[4]!.messages[0]).toBe('The same person as row 2.');
		expect(plan[5]!.messages[0]).toBe('The same person as Di Roe, already a client.');
		expect(plan[0]!.record).toEqual({ name: 'Ann Smith', email: 'ann@example.org', dateOfBirth: '1956-04-21', notes: '' });
	});

	it('takes the mapping the trainer chose, and ignores a column index that is not there', () => {
		const mapping = mappingFrom('clients', csv.headers, { map_name: '1', map_email: '-1', map_dateOfBirth: '9', map_notes: '-1' });
		expect(mapping).toEqual({ name: 1, email: -1, dateOfBirth: -1, notes: -1 });
	});
});

describe('planProviders', () => {
	it('reads roles in the words a spreadsheet uses, and skips a provider already in the directory', () => {
		const csv = parseCsv(
			['Name,Type,Clinic,Phone', 'Dr Ana Reyes,MD,Riverside,555 123 4567', 'Ben Ode,Physio,,', 'Cam Ng,Dentist,,', 'Ana Reyes,,,', 'Dee Fox,,,12'].join('\n')
		);
		const plan = planProviders(csv, guessMapping('providers', csv.headers), [{ name: 'Ben Ode' }]);
		expect(plan.map((row) => row.status)).toEqual(['new', 'duplicate', 'invalid', 'duplicate', 'invalid']);
		expect(plan[0]!.record).toMatchObject({ name: 'Dr Ana Reyes', role: 'physician', practiceName: 'Riverside', phone: '555 123 4567', stage: 'researching' });
		expect(plan[2]!.messages[0]).toContain('"Dentist" is not one of');
		expect(plan[3]!.messages[0]).toBe('The same provider as row 2.');
		expect(plan[4]!.messages[0]).toMatch(/^Phone: /);
	});
});
