import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { fillFromDirectory, type ProviderFieldNames } from '$lib/shared/referrals/outreach.ts';
import type { Provider } from '$lib/shared/referrals/types.ts';
import { echo, readForm, parseForm, type FieldErrors } from '$lib/shared/forms/parse.ts';

/**
 * Reads a form that names a provider, either picked from the trainer's directory or typed: fills
 * the blank fields from the pick, then parses. Failures come back ready to return from the action.
 */
export async function readProviderForm<T extends z.ZodType>(request: Request, directory: readonly Provider[] | null, schema: T, fields: ProviderFieldNames) {
	const submitted = readForm(await request.formData());
	const filled = fillFromDirectory(directory, submitted, fields);
	if (!filled.ok) {
		return { ok: false as const, failure: fail(400, { errors: { directoryProviderId: filled.error } as FieldErrors, values: echo(submitted) }) };
	}
	const parsed = parseForm(schema, filled.values);
	if (!parsed.ok) return { ok: false as const, failure: fail(400, { errors: parsed.errors, values: echo(filled.values) }) };
	return { ok: true as const, data: parsed.data, values: filled.values, picked: filled.picked };
}
