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
