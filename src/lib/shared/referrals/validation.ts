import { parseForm, type Parsed } from '../forms/parse.ts';
import { z } from '../forms/zod.ts';
import { FOLLOW_UP_DAY_CHOICES } from './cadence.ts';
import { isIsoDate, type IsoDate } from './dates.ts';
import type { NextStep, ProviderFields } from './types.ts';
import { providerRoles, reportPreferences, stages, touchpointKinds, type TouchpointKind } from './vocabulary.ts';

// Every form of the referral pages is checked here before anything is written to the practice;
// the messages are shown next to their fields. Isomorphic: the browser runs these, since the
// practice is edited locally, offline too. Forms are read with `readForm` (../forms/parse.ts).

const text = (max: number, label: string) => z.string().max(max, `${label} can be at most ${max} characters.`).default('');

/** Digits, spaces and + ( ) - . with an optional extension; 7 to 15 digits, as E.164 allows. */
export function isPhoneNumber(value: string): boolean {
	const match = /^([+()\d\s.-]+?)(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i.exec(value);
	if (!match?.[1]) return false;
	const digits = match[1].replace(/\D/g, '').length;
	return digits >= 7 && digits <= 15;
}

const phone = (label: string) =>
	z
		.string()
		.max(40, `${label} can be at most 40 characters.`)
		.default('')
		.refine((value) => value === '' || isPhoneNumber(value), `Enter ${label.toLowerCase()} such as (555) 123-4567 or +1 555 123 4567, or leave it empty.`);

const email = (label: string) =>
	z.union([z.literal(''), z.email(`Enter ${label.toLowerCase()} such as name@example.com, or leave it empty.`).max(254)]).default('');

export const ProviderSchema = z.object({
	name: z.string().min(1, "Enter the provider's name.").max(120, 'A name can be at most 120 characters.'),
	role: z.enum(providerRoles, 'Choose a role.'),
	specialty: text(120, 'The specialty'),
	subspecialty: text(120, 'The subspecialty'),
	practiceName: text(160, 'The practice name'),
	address: text(500, 'The address'),
	phone: phone('A phone number'),
	fax: phone('A fax number'),
	email: email('An email address'),
	officeManagerName: text(120, "The office manager's name"),
	officeManagerPhone: phone('A phone number'),
	officeManagerEmail: email('An email address'),
	reportPreference: z.union([z.literal(''), z.enum(reportPreferences)], 'Choose how they like to receive reports.').default(''),
	notes: text(5000, 'Notes'),
	stage: z.enum(stages, 'Choose a relationship stage.')
}) satisfies z.ZodType<ProviderFields, Record<string, string>>;

export function parseProvider(values: Record<string, string>): Parsed<ProviderFields> {
	return parseForm(ProviderSchema, values);
}

const pastDate = (today: IsoDate, what: string) =>
	z
		.string()
		.min(1, `Enter the date of the ${what}.`)
		.refine(isIsoDate, `Enter a real date, such as ${today}.`)
		.refine((value) => value <= today, `The ${what} can't be in the future.`)
		.refine((value) => value >= '1990-01-01', 'Enter a date from 1990 on.');

export interface TouchpointForm {
	kind: TouchpointKind;
	date: IsoDate;
	outcome: string;
	next: NextStep | null;
}

/**
 * A touchpoint: something that happened (so not in the future), with an optional next step that
 * becomes a follow-up. A next step needs a date: one without a date is the kind that is forgotten.
 */
export function parseTouchpoint(values: Record<string, string>, today: IsoDate): Parsed<TouchpointForm> {
	const schema = z
		.object({
			kind: z.enum(touchpointKinds, 'Choose what kind of touchpoint this was.'),
			date: pastDate(today, 'touchpoint'),
			outcome: text(2000, 'The outcome'),
			nextKind: z.union([z.literal(''), z.enum(touchpointKinds)]).default(''),
			nextDue: z
				.string()
				.default('')
				.refine((value) => value === '' || isIsoDate(value), `Enter a real date, such as ${today}, or leave it empty.`),
			nextNote: text(500, 'The next step')
		})
		.superRefine((form, ctx) => {
			if (form.nextDue && isIsoDate(form.date) && form.nextDue < form.date) {
				ctx.addIssue({ code: 'custom', path: ['nextDue'], message: 'The next step must be on or after the touchpoint date.' });
			}
			if (!form.nextDue && form.nextNote) {
				ctx.addIssue({ code: 'custom', path: ['nextDue'], message: 'Give the next step a date so it shows in Follow-ups due, or clear the step.' });
			}
		});
	const parsed = parseForm(schema, values);
	if (!parsed.ok) return parsed;
	const { kind, date, outcome, nextDue, nextKind, nextNote } = parsed.data;
	return {
		ok: true,
		data: { kind, date, outcome, next: nextDue ? { due: nextDue, kind: nextKind || 'call', note: nextNote } : null }
	};
}

export interface ReferralForm {
	clientId: string | null;
	personName: string;
	date: IsoDate;
	note: string;
}

/** `clientId` is "new" for someone not yet a client, whose name is then required. */
export function parseReferral(values: Record<string, string>, today: IsoDate, clientIds: ReadonlySet<string>): Parsed<ReferralForm> {
	const schema = z
		.object({
			clientId: z.string().min(1, 'Choose the client who was referred.'),
			personName: text(120, 'A name'),
			date: pastDate(today, 'referral'),
			note: text(1000, 'The note')
		})
		.superRefine((form, ctx) => {
			if (form.clientId === 'new') {
				if (!form.personName) ctx.addIssue({ code: 'custom', path: ['personName'], message: 'Enter the name of the person referred.' });
			} else if (form.clientId && !clientIds.has(form.clientId)) {
				ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'Choose one of your clients.' });
			}
		});
	const parsed = parseForm(schema, values);
	if (!parsed.ok) return parsed;
	const { clientId, personName, date, note } = parsed.data;
	return { ok: true, data: { clientId: clientId === 'new' ? null : clientId, personName, date, note } };
}

export function parseFollowUpDays(value: string): Parsed<number> {
	const days = Number(value);
	return (FOLLOW_UP_DAY_CHOICES as readonly number[]).includes(days)
		? { ok: true, data: days }
		: { ok: false, errors: { followUpDays: 'Choose 5, 6 or 7 days.' } };
}
