import { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** Reads a form into strings, trimming all but passwords (a password's spaces are its own). */
export function formValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string') values[key] = key.includes('password') ? value : value.trim();
	}
	return values;
}

/** Values safe to send back into the form: never a password. */
export function echo(values: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(values).filter(([key]) => !key.includes('password')));
}

export function parseForm<T extends z.ZodType>(
	schema: T,
	values: Record<string, string>
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors } {
	const result = schema.safeParse(values);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? 'form');
		errors[key] ??= issue.message;
	}
	return { ok: false, errors };
}

export const optionalText = (max: number, label: string) =>
	z
		.string()
		.max(max, `${label} can be at most ${max} characters.`)
		.optional()
		.transform((value) => value || undefined);
