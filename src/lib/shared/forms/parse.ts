import { z } from './zod.ts';

// The one way a form is read and checked, by the server's actions and by the browser alike (the
// practice's referral forms are edited locally, and a form kept offline is checked before it is
// queued). A form is read into trimmed strings with limits, parsed by a zod schema, and either
// gives typed values or one message per field, which ErrorSummary and the fields show.

/** One message per field, by the field's name; `form` is a refusal of the whole form. */
export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * The most characters a field keeps unless its form says otherwise. Above every limit a schema sets
 * (the longest is 5000), so a field that is too long still gets its schema's message; it bounds
 * what a hostile form costs after SvelteKit's limit on the body.
 */
export const FIELD_CHARACTERS = 20_000;

/** How one field is read: its own limit (a pasted file), or kept as typed (no trimming). */
export interface FieldReading {
	max?: number;
	trim?: boolean;
}

/**
 * A password's spaces are its own: fields whose name says password (`password`, `newPassword`,
 * `currentPassword`) are neither trimmed nor echoed.
 */
const isPassword = (name: string) => /password/i.test(name);

function readValue(name: string, value: string, reading: FieldReading | undefined): string {
	const kept = value.slice(0, reading?.max ?? FIELD_CHARACTERS);
	return (reading?.trim ?? !isPassword(name)) ? kept.trim() : kept;
}

/**
 * Reads a form's text fields into strings, trimmed (all but passwords) and cut at
 * `FIELD_CHARACTERS`, or as `fields` says for a field; files are left out (read them from the
 * FormData). A name sent twice keeps its last value: read a repeated field (a group of checkboxes)
 * with `formList`.
 */
export function readForm(form: FormData, fields: Record<string, FieldReading> = {}): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of form) if (typeof value === 'string') values[name] = readValue(name, value, fields[name]);
	return values;
}

/** Every value of a repeated field (a group of checkboxes), trimmed and cut as `readForm` does. */
export function formList(form: FormData, name: string): string[] {
	return form
		.getAll(name)
		.filter((value): value is string => typeof value === 'string')
		.map((value) => readValue(name, value, undefined));
}

/** The first message per field, as the forms show them. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
	return errors;
}

/** Parses values read by `readForm` with `schema`: typed values, or one message per field. */
export function parseForm<T extends z.ZodType>(schema: T, values: Record<string, string>): Parsed<z.output<T>> {
	const result = schema.safeParse(values);
	return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrors(result.error) };
}

/** Values safe to send back into the form: never a password. */
export function echo(values: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(values).filter(([name]) => !isPassword(name)));
}

/** Optional text up to `max` characters; empty reads as undefined. */
export const optionalText = (max: number, label: string) =>
	z
		.string()
		.max(max, `${label} can be at most ${max} characters.`)
		.optional()
		.transform((value) => value || undefined);
