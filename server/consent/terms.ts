import { z } from 'zod';
import type { ConsentInformation, ConsentRecipients, NamedProvider } from '../db/schema.ts';

/** What the consent form submits, as strings and string lists. */
export interface ConsentForm {
	scope: string;
	kinds: string[];
	documentIds: string[];
	recipientsMode: string;
	providers: string;
	purpose: string;
	expiresOn: string;
	expiryEvent: string;
	coEditing: boolean;
	read: boolean;
	signatureName: string;
}

export interface ParsedTerms {
	information: ConsentInformation;
	recipients: ConsentRecipients;
	purpose: string;
	expiresOn: string;
	expiryEvent: string | null;
	coEditing: boolean;
	signatureName: string;
}

export const DEFAULT_PURPOSE = 'Coordinating my care: reporting my progress and exercise programme to my healthcare providers.';
export const MAX_CONSENT_YEARS = 3;

/** "Dr Ada Reyes, physician, Lakeside Clinic" → one provider per line; role and practice optional. */
export function parseProviders(text: string): NamedProvider[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const [name = '', role = '', ...practice] = line.split(',').map((part) => part.trim());
			return { name, role, practice: practice.join(', ') };
		});
}

const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Validates the form against what this client may choose from. Errors are keyed by field, in
 * words a client understands; nothing is stored unless every field is right.
 */
export function parseConsentForm(
	form: ConsentForm,
	options: { knownKinds: readonly string[]; knownDocumentIds: readonly string[]; accountName: string; today: string }
): { ok: true; terms: ParsedTerms } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};

	let information: ConsentInformation | undefined;
	if (form.scope === 'kinds') {
		const kinds = form.kinds.filter((kind) => options.knownKinds.includes(kind));
		if (kinds.length === 0 || kinds.length !== form.kinds.length) errors.kinds = 'Choose at least one kind of document.';
		else information = { scope: 'kinds', kinds };
	} else if (form.scope === 'documents') {
		const ids = form.documentIds.filter((id) => options.knownDocumentIds.includes(id));
		if (ids.length === 0 || ids.length !== form.documentIds.length) errors.documentIds = 'Choose at least one document.';
		else information = { scope: 'documents', documentIds: ids };
	} else {
		errors.scope = 'Choose which information may be shared.';
	}

	let recipients: ConsentRecipients | undefined;
	if (form.recipientsMode === 'per-link') {
		recipients = { mode: 'per-link' };
	} else if (form.recipientsMode === 'named') {
		const providers = parseProviders(form.providers);
		if (providers.length === 0) errors.providers = 'Name at least one provider, one per line.';
		else if (providers.some((p) => p.name.length < 2 || p.name.length > 120))
			errors.providers = 'Each line needs a provider’s name (2 to 120 characters) before the first comma.';
		else if (providers.length > 20) errors.providers = 'Name at most 20 providers.';
		else recipients = { mode: 'named', providers };
	} else {
		errors.recipientsMode = 'Choose who may receive it.';
	}

	const purpose = form.purpose.trim();
	if (purpose.length < 10) errors.purpose = 'Say in a few words what the information is for.';
	else if (purpose.length > 1000) errors.purpose = 'Keep the purpose under 1,000 characters.';

	const date = z.iso.date().safeParse(form.expiresOn);
	const latest = `${Number(options.today.slice(0, 4)) + MAX_CONSENT_YEARS}${options.today.slice(4)}`;
	if (!date.success) errors.expiresOn = 'Enter the date this consent ends, such as 2027-11-30.';
	else if (form.expiresOn <= options.today) errors.expiresOn = 'The end date must be after today.';
	else if (form.expiresOn > latest) errors.expiresOn = `Choose an end date within ${MAX_CONSENT_YEARS} years.`;

	const expiryEvent = form.expiryEvent.trim();
	if (expiryEvent.length > 300) errors.expiryEvent = 'Keep the ending event under 300 characters.';

	if (!form.read) errors.read = 'Confirm that you have read the consent.';
	if (normalise(form.signatureName) !== normalise(options.accountName)) {
		errors.signatureName = `Type your full name as it is on your account (${options.accountName}) to sign.`;
	}

	if (Object.keys(errors).length > 0 || !information || !recipients) return { ok: false, errors };
	return {
		ok: true,
		terms: {
			information,
			recipients,
			purpose,
			expiresOn: form.expiresOn,
			expiryEvent: expiryEvent || null,
			coEditing: form.coEditing,
			signatureName: form.signatureName.trim().replace(/\s+/g, ' ')
		}
	};
}
