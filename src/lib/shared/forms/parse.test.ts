import { describe, expect, it } from 'vitest';
import { z } from './zod.ts';
import { echo, FIELD_CHARACTERS, formList, optionalText, parseForm, readForm } from './parse.ts';

function formOf(pairs: Array<[string, string | Blob]>): FormData {
	const form = new FormData();
	for (const [name, value] of pairs) form.append(name, value);
	return form;
}

describe('readForm', () => {
	it('trims every field but a password, and leaves files out', () => {
		const form = formOf([
			['name', '  Ana Reyes '],
			['password', ' spaced out '],
			['newPassword', ' also mine '],
			['file', new Blob(['a,b'])]
		]);
		expect(readForm(form)).toEqual({ name: 'Ana Reyes', password: ' spaced out ', newPassword: ' also mine ' });
	});

	it('cuts a field at its limit, still long enough for the schema to refuse it by name', () => {
		const values = readForm(formOf([['notes', 'x'.repeat(FIELD_CHARACTERS * 3)]]));
		expect(values.notes).toHaveLength(FIELD_CHARACTERS);
		expect(parseForm(z.object({ notes: optionalText(5000, 'Notes') }), values)).toEqual({
			ok: false,
			errors: { notes: 'Notes can be at most 5000 characters.' }
		});
	});

	it('reads a field as its form says: a longer limit, kept as pasted', () => {
		const csv = ` a,b\n${'1,2\n'.repeat(10_000)}`;
		expect(readForm(formOf([['csv', csv]]), { csv: { max: 100_000, trim: false } }).csv).toBe(csv);
		expect(readForm(formOf([['csv', csv]]), { csv: { max: 10 } }).csv).toBe('a,b\n1,2\n1');
	});

	it('keeps the last value of a repeated name, and formList reads them all', () => {
		const form = formOf([
			['kinds', ' progress_report '],
			['kinds', 'blank'],
			['kinds', new Blob(['x'])]
		]);
		expect(readForm(form).kinds).toBe('blank');
		expect(formList(form, 'kinds')).toEqual(['progress_report', 'blank']);
		expect(formList(form, 'missing')).toEqual([]);
	});
});

describe('parseForm', () => {
	const Schema = z.object({
		name: z.string().min(1, 'Enter a name.'),
		email: z.email('Enter an email address.').refine((value) => value.endsWith('.com'), 'Use a .com address.')
	});

	it('gives typed values when the form is right', () => {
		expect(parseForm(Schema, { name: 'Ana', email: 'ana@example.com' })).toEqual({ ok: true, data: { name: 'Ana', email: 'ana@example.com' } });
	});

	it('gives the first message per field, and `form` for what has no field', () => {
		const Whole = Schema.refine(() => false, 'Something else is wrong.');
		expect(parseForm(Schema, { name: '', email: 'nope' })).toEqual({ ok: false, errors: { name: 'Enter a name.', email: 'Enter an email address.' } });
		expect(parseForm(Whole, { name: 'Ana', email: 'ana@example.com' })).toEqual({ ok: false, errors: { form: 'Something else is wrong.' } });
	});
});

describe('echo', () => {
	it('sends back everything but passwords', () => {
		expect(echo({ email: 'ana@example.com', password: 'secret', currentPassword: 'old' })).toEqual({ email: 'ana@example.com' });
	});
});
