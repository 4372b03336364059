import { documentKindInfo, type DocumentKind } from '../practice/document-kinds.ts';
import { daysBetween, isIsoDate, localDate, type IsoDate } from './dates.ts';
import type { TouchpointInput } from './practice-doc.ts';
import type { Provider, ProviderFields } from './types.ts';
import { roleLabels, type ProviderRole } from './vocabulary.ts';

// Outreach the trainer does elsewhere in the app (a share link, a letter from a template) and the
// touchpoint it stands for, so the provider's timeline keeps itself without extra typing.
// Isomorphic: the picker in the browser labels providers with these too.

/** A provider as typed on a form that is not the directory's own. */
export interface TypedProvider {
	name: string;
	role: ProviderRole | '';
	practiceName: string;
	email: string;
}

/** Whom an action's touchpoint goes to: a directory provider, one to add, or nobody. */
export type ProviderChoice = { kind: 'directory'; provider: Provider } | { kind: 'new'; fields: ProviderFields } | { kind: 'none' };

export interface ProviderPick {
	/** The id of the provider picked from the directory, or '' for "someone new". */
	directoryProviderId: string;
	addToDirectory: boolean;
	typed: TypedProvider;
}

export const PROVIDER_GONE = 'That provider is no longer in your directory. Choose them again, or type their details.';

/** "Dr. Ana  Reyes" and "dr ana reyes" are one person; punctuation and spacing vary as people type. */
export function sameName(a: string, b: string): boolean {
	const normal = (name: string) => name.toLocaleLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
	return normal(a) !== '' && normal(a) === normal(b);
}

export function providerFieldsFromTyped(typed: TypedProvider): ProviderFields {
	return {
		name: typed.name.trim(),
		role: typed.role || 'other',
		specialty: '',
		subspecialty: '',
		practiceName: typed.practiceName.trim(),
		address: '',
		phone: '',
		fax: '',
		email: typed.email.trim(),
		officeManagerName: '',
		officeManagerPhone: '',
		officeManagerEmail: '',
		reportPreference: '',
		notes: '',
		stage: 'researching'
	};
}

/**
 * Decides whom the touchpoint goes to. A typed name that is exactly one directory provider's is
 * that provider: adding them again would split their timeline in two. A directory that could not
 * be read (null) gets nothing: writing to it would fail the same way.
 */
export function chooseProvider(providers: readonly Provider[] | null, pick: ProviderPick): { ok: true; choice: ProviderChoice } | { ok: false; error: string } {
	if (providers === null) return { ok: true, choice: { kind: 'none' } };
	if (pick.directoryProviderId) {
		const provider = providers.find((p) => p.id === pick.directoryProviderId);
		return provider ? { ok: true, choice: { kind: 'directory', provider } } : { ok: false, error: PROVIDER_GONE };
	}
	if (!pick.typed.name.trim()) return { ok: true, choice: { kind: 'none' } };
	const namesakes = providers.filter((p) => sameName(p.name, pick.typed.name));
	if (namesakes.length === 1 && namesakes[0]) return { ok: true, choice: { kind: 'directory', provider: namesakes[0] } };
	if (pick.addToDirectory) return { ok: true, choice: { kind: 'new', fields: providerFieldsFromTyped(pick.typed) } };
	return { ok: true, choice: { kind: 'none' } };
}

/** The names a form gives its provider fields; a form without a field leaves it out. */
export interface ProviderFieldNames {
	name: string;
	role?: string;
	practiceName: string;
	email?: string;
}

/**
 * The form's values with the picked provider's details in the fields left blank. With JavaScript
 * the picker fills the fields as it is used; without it, picking alone is enough. What the trainer
 * typed wins: "Dr Reyes" on a letter may be how they address Dr Ana Reyes.
 * `directory` is null when it could not be read: the pick is then ignored, never an error.
 */
export function fillFromDirectory(
	directory: readonly Provider[] | null,
	values: Record<string, string>,
	names: ProviderFieldNames
): { ok: true; values: Record<string, string>; picked: Provider | null } | { ok: false; error: string } {
	const id = values.directoryProviderId ?? '';
	if (!id || directory === null) return { ok: true, values, picked: null };
	const picked = directory.find((p) => p.id === id);
	if (!picked) return { ok: false, error: PROVIDER_GONE };
	const filled = { ...values };
	const fill = (name: string | undefined, value: string) => {
		if (name && !filled[name]) filled[name] = value;
	};
	fill(names.name, picked.name);
	fill(names.role, picked.role);
	fill(names.practiceName, picked.practiceName);
	fill(names.email, picked.email);
	return { ok: true, values: filled, picked };
}

export type ActionTouchpoint = Pick<TouchpointInput, 'kind' | 'outcome' | 'source'>;

export function shareLinkTouchpoint(documentTitle: string, needsClientApproval: boolean): ActionTouchpoint {
	return {
		kind: 'progress_report',
		outcome: `Shared “${documentTitle}” by link${needsClientApproval ? ' (it opens once the client approves it)' : ''}.`,
		source: 'share_link'
	};
}

/** Letters and forms written to a provider: the kinds whose creation is a touchpoint. */
export function isLetterKind(kind: DocumentKind): boolean {
	const info = documentKindInfo[kind];
	return info.group === 'letter' && info.provider;
}

/** Null for kinds that are not written to a provider. */
export function letterTouchpoint(kind: DocumentKind, title: string): ActionTouchpoint | null {
	if (!isLetterKind(kind)) return null;
	// The vocabulary has one kind for correspondence; the outcome says it was drafted, not posted.
	const what = kind === 'referral_form' ? 'Referral form drafted' : 'Letter drafted';
	return { kind: 'letter_email', outcome: `${what}: ${title}`, source: 'document' };
}

/**
 * The trainer's calendar date, as their browser sent it. The server's own date stands in when the
 * form came without one (no JavaScript) or with one no time zone could give at this moment.
 */
export function trainerToday(submitted: string | undefined, now: Date): IsoDate {
	const server = localDate(now);
	if (!isIsoDate(submitted)) return server;
	return Math.abs(daysBetween(server, submitted)) <= 1 ? submitted : server;
}

/** How a provider reads in a picker: enough to tell two Dr Smiths apart. */
export function pickerLabel(provider: Pick<Provider, 'name' | 'role' | 'practiceName'>): string {
	const about = [roleLabels[provider.role], provider.practiceName].filter(Boolean).join(', ');
	return `${provider.name || 'Unnamed provider'} (${about})`;
}
