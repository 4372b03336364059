import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { addLanguageRule, deleteLanguageRule, listLanguageRules, splitPhrases } from '$server/practice/language-rules.ts';
import { normalisePhrase } from '$lib/shared/language/matcher.ts';
import { builtinRules } from '$lib/shared/language/rules.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { echo, readForm, optionalText, parseForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PATH = '/settings/language';

const NewRule = z.object({
	phrases: z
		.string()
		.transform(splitPhrases)
		.pipe(
			z
				.array(z.string().max(60, 'Keep each word or phrase under 60 characters.').regex(/\p{L}/u, 'Each word or phrase needs at least one letter.'))
				.min(1, 'Enter the word or phrase to look for.')
				.max(12, 'Up to 12 forms per hint; add another hint for more.')
		),
	category: z.enum(['scope', 'jargon'], 'Choose what kind of hint this is.'),
	explanation: optionalText(300, 'The reason'),
	suggestion: z.string().min(1, 'Suggest the wording to use instead.').max(300, 'A suggestion can be at most 300 characters.')
});

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	return {
		own: (await listLanguageRules(services().db, user.id)).map((row) => ({
			id: row.id,
			phrases: splitPhrases(row.phrases),
			category: row.category,
			explanation: row.explanation,
			suggestion: row.suggestion
		})),
		builtin: builtinRules.map(({ id, category, phrases, explanation, suggestion }) => ({ id, category, phrases, explanation, suggestion }))
	};
};

async function add(event: RequestEvent) {
	const user = requireTrainer(event);
	const values = readForm(await event.request.formData());
	const parsed = parseForm(NewRule, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });
	const existing = new Set((await listLanguageRules(services().db, user.id)).flatMap((row) => splitPhrases(row.phrases).map(normalisePhrase)));
	const repeated = parsed.data.phrases.find((phrase) => existing.has(normalisePhrase(phrase)));
	if (repeated) {
		const errors: FieldErrors = { phrases: `You already have a hint for “${repeated}”; delete it first to change it.` };
		return fail(400, { errors, values: echo(values) });
	}
	await addLanguageRule(services().db, user.id, parsed.data);
	redirect(303, PATH);
}

async function remove(event: RequestEvent) {
	const user = requireTrainer(event);
	const id = readForm(await event.request.formData()).id ?? '';
	if (!(await deleteLanguageRule(services().db, user.id, id))) error(404, 'That hint no longer exists.');
	redirect(303, PATH);
}

export const actions: Actions = { add, delete: remove };
