import { error, fail } from '@sveltejs/kit';
import { practiceFormat } from '$server/practice/format-context.ts';
import {
	addCredential,
	addEducation,
	readProfile,
	recentEducationHours,
	removeCredential,
	removeEducation,
	saveProfileSummary
} from '$server/practice/profile.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { echo, readForm, parseForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { CredentialForm, EducationForm, isoDateIn, PROFILE_LIMITS, ProfileSummaryForm } from '$lib/shared/practice/profile.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The trainer's professional profile: one page, one form per part, each answered on its own
// (`section` tags the answer, as on /account). Stored whole per trainer (server/practice/profile.ts).

/** The practice's own calendar date: a course completed "today" in Sydney is not in the future. */
async function practiceToday(trainerId: string): Promise<string> {
	return isoDateIn(new Date(), (await practiceFormat(services().db, trainerId)).timeZone);
}

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	const profile = await readProfile(services().db, user.id);
	return { profile, recentHours: recentEducationHours(profile.continuingEducation, await practiceToday(user.id)), limits: PROFILE_LIMITS };
};

async function summary(event: RequestEvent) {
	const user = requireTrainer(event);
	const values = readForm(await event.request.formData());
	const parsed = parseForm(ProfileSummaryForm, values);
	if (!parsed.ok) return fail(400, { section: 'summary', errors: parsed.errors, values: echo(values) });
	await saveProfileSummary(services().db, user.id, parsed.data);
	return { section: 'summary', saved: 'Your outcomes, specialties and conditions are saved.' };
}

async function addCredentialAction(event: RequestEvent) {
	const user = requireTrainer(event);
	const values = readForm(await event.request.formData());
	const year = Number((await practiceToday(user.id)).slice(0, 4));
	const parsed = parseForm(CredentialForm(year), values);
	if (!parsed.ok) return fail(400, { section: 'credential', errors: parsed.errors, values: echo(values) });
	if ((await addCredential(services().db, user.id, parsed.data)) === 'full') {
		const errors: FieldErrors = { form: `A profile lists up to ${PROFILE_LIMITS.credentials} credentials: remove one before adding another.` };
		return fail(400, { section: 'credential', errors, values: echo(values) });
	}
	return { section: 'credential', saved: `${parsed.data.title} is added to your credentials.` };
}

async function addEducationAction(event: RequestEvent) {
	const user = requireTrainer(event);
	const values = readForm(await event.request.formData());
	const parsed = parseForm(EducationForm(await practiceToday(user.id)), values);
	if (!parsed.ok) return fail(400, { section: 'education', errors: parsed.errors, values: echo(values) });
	if ((await addEducation(services().db, user.id, parsed.data)) === 'full') {
		const errors: FieldErrors = { form: `A profile lists up to ${PROFILE_LIMITS.education} courses: remove an old one before adding another.` };
		return fail(400, { section: 'education', errors, values: echo(values) });
	}
	return { section: 'education', saved: `${parsed.data.title} is added to your continuing education.` };
}

/** An id that is not in this trainer's profile is a 404, whoever's it might be. */
async function removeCredentialAction(event: RequestEvent) {
	const user = requireTrainer(event);
	const id = readForm(await event.request.formData(), { id: { max: 64 } }).id ?? '';
	if (!(await removeCredential(services().db, user.id, id))) error(404, 'That credential is no longer in your profile.');
	return { section: 'credential', saved: 'The credential is removed.' };
}

async function removeEducationAction(event: RequestEvent) {
	const user = requireTrainer(event);
	const id = readForm(await event.request.formData(), { id: { max: 64 } }).id ?? '';
	if (!(await removeEducation(services().db, user.id, id))) error(404, 'That course is no longer in your profile.');
	return { section: 'education', saved: 'The course is removed.' };
}

export const actions: Actions = {
	summary,
	addCredential: addCredentialAction,
	removeCredential: removeCredentialAction,
	addEducation: addEducationAction,
	removeEducation: removeEducationAction
};
