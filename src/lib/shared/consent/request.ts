import { roleLabels, type ProviderRole } from '../referrals/vocabulary.ts';

/**
 * A trainer's request that a client consider sharing a progress report with one provider (issue
 * 19.2): what the client's consent form starts from when they open the request's link. The link
 * carries only the kind and the provider's id in the trainer's directory, never a name or a
 * measure, so nothing about the client's health travels in an address; the server fills the rest.
 * The client still reads, changes or declines every term: a request signs nothing.
 */

export const REQUEST_KIND = 'progress_report';

export interface RequestedProvider {
	name: string;
	role: ProviderRole;
	practiceName: string;
}

export interface ConsentRequest {
	kind: typeof REQUEST_KIND;
	/** "Dr Ada Reyes, physician, Lakeside Clinic": one line of the form's provider list. */
	providerLine: string;
	providerName: string;
	purpose: string;
}

export function providerLine(provider: RequestedProvider): string {
	return [provider.name, roleLabels[provider.role].toLowerCase(), provider.practiceName].filter(Boolean).join(', ');
}

export function requestedPurpose(providerName: string): string {
	return `Keeping ${providerName} informed of my progress: my progress reports, with the outcome measures in them.`;
}

export function consentRequest(provider: RequestedProvider): ConsentRequest {
	return { kind: REQUEST_KIND, providerLine: providerLine(provider), providerName: provider.name, purpose: requestedPurpose(provider.name) };
}

/** The address the trainer sends: the client's own consent page, asking for this provider. */
export function consentRequestPath(clientId: string, providerId: string): string {
	return `/my/consent/${encodeURIComponent(clientId)}?${new URLSearchParams({ request: REQUEST_KIND, provider: providerId })}`;
}

/** The consent in force, as the form reads it (the stored record's shape). */
export interface CurrentTerms {
	information: { scope: 'kinds'; kinds: string[] } | { scope: 'documents'; documentIds: string[] };
	recipients: { mode: 'per-link' } | { mode: 'named'; providers: Array<{ name: string; role: string; practice: string }> };
	purpose: string;
	expiryEvent: string | null;
	coEditing: boolean;
}

export interface FormStart {
	scope: 'kinds' | 'documents';
	kinds: string[];
	documentIds: string[];
	recipientsMode: 'per-link' | 'named';
	providers: string;
	purpose: string;
	expiryEvent: string;
	coEditing: boolean;
}

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * What the consent form starts from: the consent in force, if any, so that a change is an edit,
 * not a blank form; else the defaults (the clinical reports ticked, approval per link). A request
 * adds its kind and its provider to that and proposes its purpose; it never removes anything the
 * client chose. A request asks by kind (a consent to named documents cannot cover a report not yet
 * written), and where the client approves each provider per link, that already lets them say yes to
 * this one, so the mode stays.
 */
export function consentFormStart(
	current: CurrentTerms | null,
	defaults: { kinds: string[]; purpose: string },
	allKinds: readonly string[],
	request: ConsentRequest | null
): FormStart {
	const currentKinds = current?.information.scope === 'kinds' ? current.information.kinds.filter((kind) => allKinds.includes(kind)) : defaults.kinds;
	const kinds = request && allKinds.includes(request.kind) && !currentKinds.includes(request.kind) ? [...currentKinds, request.kind] : currentKinds;
	const named = current?.recipients.mode === 'named' ? current.recipients.providers : [];
	const lines = named.map((provider) => [provider.name, provider.role, provider.practice].filter(Boolean).join(', '));
	const recipientsMode = request && current?.recipients.mode !== 'per-link' ? 'named' : (current?.recipients.mode ?? 'per-link');
	const addProvider = request && recipientsMode === 'named' && !named.some((provider) => sameName(provider.name, request.providerName));
	return {
		scope: request ? 'kinds' : (current?.information.scope ?? 'kinds'),
		kinds,
		documentIds: current?.information.scope === 'documents' ? current.information.documentIds : [],
		recipientsMode,
		providers: (addProvider ? [...lines, request.providerLine] : lines).join('\n'),
		purpose: request?.purpose ?? current?.purpose ?? defaults.purpose,
		expiryEvent: current?.expiryEvent ?? '',
		coEditing: current?.coEditing ?? true
	};
}
