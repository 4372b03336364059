import { z } from '../forms/zod.ts';
import { optionalText } from '../forms/parse.ts';
import { isIsoDate } from '../referrals/dates.ts';

// The trainer's professional profile as its forms check it: the server's actions parse with these
// schemas, and the page reads the limits for its hints. Every list is bounded, so a profile is a few
// kilobytes at most however often it is saved (server/practice/profile.ts stores it whole).

export const PROFILE_LIMITS = {
	outcomesStatement: 200,
	listItem: 80,
	specialties: 12,
	conditionsServed: 20,
	credentials: 15,
	credentialText: 120,
	education: 60,
	educationText: 150,
	/** Hours per course: a long certification runs to a few hundred; more is a typing slip. */
	hours: 500,
	earliestYear: 1950
} as const;

/** One item per line; blank lines and repeats (ignoring case) are dropped. */
export function splitLines(text: string): string[] {
	const seen = new Set<string>();
	const items: string[] = [];
	for (const line of text.split(/\r?\n/)) {
		const item = line.trim().replace(/\s+/g, ' ');
		if (!item || seen.has(item.toLocaleLowerCase('en'))) continue;
		seen.add(item.toLocaleLowerCase('en'));
		items.push(item);
	}
	return items;
}

const lineList = (label: string, most: number) =>
	z
		.string()
		.optional()
		.transform((text) => splitLines(text ?? ''))
		.pipe(
			z
				.array(z.string().max(PROFILE_LIMITS.listItem, `Keep each line of ${label} under ${PROFILE_LIMITS.listItem} characters.`))
				.max(most, `Up to ${most} ${label}, one per line.`)
		);

export const ProfileSummaryForm = z.object({
	outcomesStatement: z
		.string()
		.optional()
		.transform((value) => value?.replace(/\s+/g, ' ') || undefined)
		.pipe(
			z.string().max(PROFILE_LIMITS.outcomesStatement, `Keep the outcomes statement to one line of ${PROFILE_LIMITS.outcomesStatement} characters.`).optional()
		),
	specialties: lineList('specialties', PROFILE_LIMITS.specialties),
	conditionsServed: lineList('conditions', PROFILE_LIMITS.conditionsServed)
});

const requiredText = (max: number, missing: string, label: string) => z.string().min(1, missing).max(max, `${label} can be at most ${max} characters.`);

/** `year` is the practice's current year: a credential cannot be issued later. */
export const CredentialForm = (year: number) =>
	z.object({
		title: requiredText(PROFILE_LIMITS.credentialText, 'Enter the credential’s name.', 'The credential’s name'),
		issuer: requiredText(PROFILE_LIMITS.credentialText, 'Enter who issued it.', 'The issuing body'),
		year: z
			.string()
			.regex(/^\d{4}$/, 'Enter the year it was issued, as four digits.')
			.transform(Number)
			.pipe(z.number().min(PROFILE_LIMITS.earliestYear, `Enter a year from ${PROFILE_LIMITS.earliestYear}.`).max(year, `Enter a year no later than ${year}.`))
	});

/** `today` is the practice's calendar date (ISO): a course cannot be completed later. */
export const EducationForm = (today: string) =>
	z.object({
		title: requiredText(PROFILE_LIMITS.educationText, 'Enter the course’s name.', 'The course’s name'),
		provider: optionalText(PROFILE_LIMITS.credentialText, 'The course provider').transform((value) => value ?? ''),
		hours: z
			.string()
			.regex(/^\d{1,3}([.,]\d{1,2})?$/, 'Enter the hours as a number, such as 8 or 1.5.')
			.transform((value) => Number(value.replace(',', '.')))
			.pipe(z.number().positive('Enter more than 0 hours.').max(PROFILE_LIMITS.hours, `Enter at most ${PROFILE_LIMITS.hours} hours for one course.`)),
		completedOn: z
			.string()
			.refine(isIsoDate, 'Enter the date you completed it.')
			.refine((date) => date >= `${PROFILE_LIMITS.earliestYear}-01-01`, `Enter a date from ${PROFILE_LIMITS.earliestYear}.`)
			.refine((date) => date <= today, 'The date cannot be in the future.')
	});

/** The calendar date (ISO) at `now` in `timeZone`, as the practice's calendar shows it. */
export function isoDateIn(now: Date, timeZone: string): string {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
	} catch (error) {
		if (!(error instanceof RangeError)) throw error;
		return now.toISOString().slice(0, 10);
	}
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}
