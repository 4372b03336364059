/**
 * The consent a client reads and signs. The stored record keeps the exact text produced here,
 * with CONSENT_VERSION; change the wording and the version together. Pure and deterministic
 * (ISO dates, no locale) so that the text the browser shows is the text the server stores.
 */

export const CONSENT_VERSION = '2026-11-v1';

export interface ConsentTerms {
	clientName: string;
	trainerName: string;
	practiceName: string | null;
	/** Labels of the document kinds, or titles of the named documents, covered. */
	information: { scope: 'kinds' | 'documents'; items: string[] };
	recipients: { mode: 'per-link' } | { mode: 'named'; providers: { name: string; role: string; practice: string }[] };
	purpose: string;
	expiresOn: string;
	expiryEvent: string | null;
	coEditing: boolean;
}

function list(items: string[]): string {
	return items.map((item) => `  • ${item}`).join('\n');
}

export function consentText(terms: ConsentTerms): string {
	const discloser = terms.practiceName ? `${terms.trainerName} of ${terms.practiceName}` : terms.trainerName;
	const information =
		terms.information.scope === 'kinds'
			? `My documents of these kinds, including ones written after I sign:\n${list(terms.information.items)}`
			: `Only these documents:\n${list(terms.information.items)}`;
	const recipients =
		terms.recipients.mode === 'per-link'
			? 'Healthcare providers I approve one at a time, for each report my trainer proposes to share.'
			: `Only these healthcare providers:\n${list(terms.recipients.providers.map((p) => `${p.name}, ${p.role}${p.practice ? `, ${p.practice}` : ''}`))}`;
	const expiry = terms.expiryEvent ? `on ${terms.expiresOn}, or when this happens, whichever comes first: ${terms.expiryEvent}` : `on ${terms.expiresOn}`;

	return [
		`Consent to co-edit and to share my exercise records`,
		`Version ${CONSENT_VERSION}`,
		``,
		`I, ${terms.clientName}, authorise ${discloser} ("my trainer") to disclose the information described below.`,
		``,
		`1. Information that may be shared`,
		information,
		``,
		`2. Who shares it`,
		`${discloser}, through Bridgework.`,
		``,
		`3. Who may receive it`,
		recipients,
		``,
		`4. Purpose`,
		terms.purpose,
		``,
		`5. Co-editing`,
		terms.coEditing
			? 'I want to read and write my documents together with my trainer in Bridgework.'
			: 'I do not want to co-edit my documents; my trainer keeps them.',
		``,
		`6. When this consent ends`,
		`This consent ends ${expiry}, unless I revoke it sooner.`,
		``,
		`7. My rights`,
		`I may revoke this consent at any time, by choosing "Revoke consent" on my page in Bridgework or by telling my trainer in writing. Revocation stops any further sharing at once; it cannot undo what was shared before it.`,
		`My training does not depend on whether I sign this consent.`,
		`My trainer is an exercise professional: they do not diagnose or treat medical conditions.`,
		`Information shared with a provider may be disclosed again by them and may then no longer be protected by the rules that protect it here.`,
		`I may ask for a copy of this consent at any time; it stays readable on my page.`
	].join('\n');
}

export function revocationText(input: { clientName: string; grantedOn: string; at: string; what: 'all' | 'co-editing' }): string {
	return input.what === 'all'
		? `I, ${input.clientName}, revoke the consent I signed on ${input.grantedOn}, as of ${input.at}. Nothing more may be shared, and I no longer co-edit my documents.`
		: `I, ${input.clientName}, withdraw from co-editing my documents as of ${input.at}. My consent to share, signed on ${input.grantedOn}, is otherwise unchanged.`;
}
