import type { JSONContent } from '@tiptap/core';

/**
 * Turns a client's report into a sample that shows the practice's work and names nobody: the
 * client's and every other name the practice holds, emails, phone numbers, the date of birth,
 * places from the records and street addresses are replaced; exact dates become weeks from the
 * baseline; ages become decades. Then `remainingIdentifiers` reads the result again, on its own
 * terms (whole paragraphs, accents ignored), and the sample is refused while it finds anything
 * of the client's.
 *
 * Pure: the server gathers what the records hold (sample-document.ts).
 */

export interface ClientIdentity {
	/** The client's name as recorded, and as their account gives it. */
	names: string[];
	emails: string[];
	/** YYYY-MM-DD. */
	dateOfBirth: string | null;
}

/** A text from the practice's records (another person's name, a clinic, an address) and what replaces it. */
export interface Replacement {
	text: string;
	with: string;
}

export interface ScrubContext {
	client: ClientIdentity;
	others: Replacement[];
	/** The baseline (YYYY-MM-DD) dates are counted from, in weeks; without one a date becomes its year. */
	anchor: string | null;
	/** Whether 03/04/2026 is 4 March (false, most of the world) or 3 April... that is, month first (en-US). */
	monthFirst: boolean;
}

export const CLIENT_PLACEHOLDER = '[client]';
export const NAME_PLACEHOLDER = '[name]';
export const PLACE_PLACEHOLDER = '[place]';

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'sir', 'dame']);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const ORDINAL = '(?:st|nd|rd|th)?';

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?(?![\\p{L}])`, 'giu');
const MONTH_DAY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?(?![\\p{L}\\p{N}])`, 'giu');
const NUMERIC_DATE = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/giu;
/** Nine digits or more with the usual separators: a phone or fax number, not a measure. */
const PHONE = /(?:\+|\b)\d(?:[\s().-]*\d){8,}\b/g;
const STREET =
	/\b\d{1,5}[A-Za-z]?\s+(?:[\p{Lu}][\p{L}'-]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Close|Crescent|Terrace|Square|Parkway|Pkwy)\b\.?/gu;
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/g;
/** Someone named with a title ("Dr Priya Raman", "Mrs. Lee"), whether or not the records know them. */
const TITLED_NAME = /\b(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof)\.?\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?/gu;
const AGE = /\b(\d{2,3})(?=[- ]years?[- ]old\b)|(?<=\baged\s)(\d{2,3})\b/gi;

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole word or phrase, whatever its case: "Ann" is not found in "Annual". */
function wordPattern(text: string): RegExp {
	return new RegExp(`(?<![\\p{L}\\p{N}])${escape(text)}(?![\\p{L}\\p{N}])`, 'giu');
}

/** A name and its parts long enough to name someone, longest first: "Margaret Smith", "Margaret", "Smith". */
export function nameForms(name: string): string[] {
	const full = name.trim().replace(/\s+/g, ' ');
	if (!full) return [];
	const parts = full
		.split(/[\s-]+/)
		.map((part) => part.replace(/[.,]$/, ''))
		.filter((part) => part.length >= 2 && !TITLES.has(part.toLowerCase()));
	return [...new Set([full, ...parts])].sort((a, b) => b.length - a.length);
}

function isoOf(year: number, month: number, day: number): string | null {
	if (month < 1 || month > 12 || day < 1 || day > 31) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1) return null;
	return date.toISOString().slice(0, 10);
}

const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

type DateFound = { iso: string | null };

/** Every date written in the text, each replaced by what `render` makes of it. */
function replaceDates(text: string, context: Pick<ScrubContext, 'anchor' | 'monthFirst'>, render: (found: DateFound, original: string) => string): string {
	const anchorYear = context.anchor ? Number(context.anchor.slice(0, 4)) : undefined;
	return text
		.replace(ISO_DATE, (match, year: string, month: string, day: string) => render({ iso: isoOf(Number(year), Number(month), Number(day)) }, match))
		.replace(DAY_MONTH, (match, day: string, month: string, year: string | undefined) =>
			render({ iso: year || anchorYear ? isoOf(year ? Number(year) : anchorYear!, monthIndex(month), Number(day)) : null }, match)
		)
		.replace(MONTH_DAY, (match, month: string, day: string, year: string | undefined) =>
			render({ iso: year || anchorYear ? isoOf(year ? Number(year) : anchorYear!, monthIndex(month), Number(day)) : null }, match)
		)
		.replace(NUMERIC_DATE, (match, first: string, second: string, year: string) => {
			const [month, day] = context.monthFirst ? [first, second] : [second, first];
			return render({ iso: isoOf(fullYear(year), Number(month), Number(day)) }, match);
		});
}

const DAY_MS = 86_400_000;

/** "[week 6]" from the baseline; a date more than two years away keeps only its year. */
export function relativeDate(iso: string | null, anchor: string | null): string {
	if (!iso) return '[date]';
	if (!anchor) return `[${iso.slice(0, 4)}]`;
	const weeks = Math.floor((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${anchor}T00:00:00Z`)) / DAY_MS / 7);
	if (Math.abs(weeks) > 104) return `[${iso.slice(0, 4)}]`;
	return weeks < 0 ? `[${-weeks} week${weeks === -1 ? '' : 's'} before baseline]` : `[week ${weeks}]`;
}

// Placeholders are written between private-use characters while a text is scrubbed, so a later
// step never reads into one (a person named Week or Client), and become brackets at the end.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const held = (text: string) => `${OPEN}${text}${CLOSE}`;
const PLACEHOLDERS = /\uE000[^\uE001]*\uE001/u;

/** Every name and place in one pass, longest first, the client's winning a tie: nothing replaced is read again. */
function replaceNames(text: string, replacements: Replacement[]): string {
	const byText = new Map<string, string>();
	for (const replacement of replacements) {
		const key = replacement.text.trim().replace(/\s+/g, ' ').toLowerCase();
		if (key.length >= 2 && !byText.has(key)) byText.set(key, replacement.with.replace(/^\[(.*)\]$/, '$1'));
	}
	if (byText.size === 0) return text;
	const alternatives = [...byText.keys()].sort((a, b) => b.length - a.length).map((key) => escape(key).replace(/ /g, '\\s+'));
	const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
	return text
		.split(new RegExp(`(${PLACEHOLDERS.source})`, 'u'))
		.map((part, index) => (index % 2 === 1 ? part : part.replace(pattern, (match) => held(byText.get(match.replace(/\s+/g, ' ').toLowerCase()) ?? 'name'))))
		.join('');
}

/** One text, scrubbed. Order matters: emails hold names, dates hold month names that are also names (May, June). */
export function scrubText(text: string, context: ScrubContext): string {
	let out = text.replace(EMAIL, held('email')).replace(PHONE, held('phone'));
	out = replaceDates(out, context, (found) =>
		held((found.iso && found.iso === context.client.dateOfBirth ? '[date of birth]' : relativeDate(found.iso, context.anchor)).slice(1, -1))
	);
	out = out.replace(AGE, (age: string) => held(`${Math.floor(Number(age) / 10) * 10}s`));
	out = out.replace(STREET, held('address')).replace(UK_POSTCODE, held('postcode'));
	out = replaceNames(
		out,
		context.client.names.flatMap((name) => nameForms(name).map((form) => ({ text: form, with: CLIENT_PLACEHOLDER })))
	);
	out = out
		.split(new RegExp(`(${PLACEHOLDERS.source})`, 'u'))
		.map((part, index) => (index % 2 === 1 ? part : part.replace(TITLED_NAME, held('name'))))
		.join('');
	out = replaceNames(out, [
		...context.client.names.flatMap((name) => nameForms(name).map((form) => ({ text: form, with: CLIENT_PLACEHOLDER }))),
		...context.others
	]);
	return out.replaceAll(OPEN, '[').replaceAll(CLOSE, ']');
}

/** The other people in the records: each name and its parts become "[name]". */
export function nameReplacements(names: string[]): Replacement[] {
	return names.flatMap((name) => nameForms(name).map((form) => ({ text: form, with: NAME_PLACEHOLDER })));
}

/**
 * A document's content, scrubbed: every text node, and nothing kept that can carry a name out of
 * sight (a link's address, a heading's id).
 */
export function scrubDocument(node: JSONContent, context: ScrubContext): JSONContent {
	const out: JSONContent = { type: node.type };
	if (node.attrs) out.attrs = node.attrs;
	if (node.type === 'text') {
		out.text = scrubText(node.text ?? '', context);
		const marks = (node.marks ?? []).filter((mark) => mark.type !== 'link').map((mark) => ({ type: mark.type }));
		if (marks.length > 0) out.marks = marks;
		return out;
	}
	if (node.content) out.content = node.content.map((child) => scrubDocument(child, context));
	return out;
}

export type FindingKind = 'name' | 'email' | 'date of birth' | 'exact date' | 'phone number';

export interface Finding {
	kind: FindingKind;
	count: number;
}

/** Accents and case ignored: "José" is found as "jose". */
function folded(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The text of each block as a reader sees it, whatever marks split it into pieces. */
export function blockTexts(node: JSONContent): string[] {
	if (node.type === 'text') return [node.text ?? ''];
	const children = node.content ?? [];
	if (children.length > 0 && children.every((child) => child.type === 'text' || child.type === 'hardBreak')) {
		return [children.map((child) => (child.type === 'text' ? (child.text ?? '') : '\n')).join('')];
	}
	return children.flatMap(blockTexts);
}

/**
 * What of the client is still there, read independently of how it was removed: on whole
 * paragraphs (a name split by a bold letter is still a name), accents and case ignored, and any
 * email, phone number or exact date at all. An empty list means the sample may be stored.
 */
export function remainingIdentifiers(texts: string[], client: ClientIdentity, context: Pick<ScrubContext, 'monthFirst'>): Finding[] {
	const counts = new Map<FindingKind, number>();
	const add = (kind: FindingKind, count: number) => count > 0 && counts.set(kind, (counts.get(kind) ?? 0) + count);
	const names = [...new Set(client.names.flatMap(nameForms).map(folded))];
	for (const text of texts) {
		const plain = folded(text);
		for (const name of names) add('name', [...plain.matchAll(wordPattern(name))].length);
		add('email', [...text.matchAll(EMAIL)].length);
		add('phone number', [...text.matchAll(PHONE)].length);
		replaceDates(text, { anchor: null, monthFirst: context.monthFirst }, (found, original) => {
			if (found.iso && found.iso === client.dateOfBirth) add('date of birth', 1);
			else if (found.iso || /\d{4}/.test(original)) add('exact date', 1);
			return original;
		});
	}
	return [...counts].map(([kind, count]) => ({ kind, count }));
}
