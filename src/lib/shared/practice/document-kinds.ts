import type { ProviderRole } from '../referrals/vocabulary.ts';

/** Every kind of document; the database column (server/db/core-schema.ts) takes this list as its enum. */
export const documentKinds = [
	'progress_log',
	'initial_assessment',
	'progress_report',
	'discharge_summary',
	'intro_letter_physician',
	'intro_letter_physical_therapist',
	'intro_letter_chiropractor',
	'follow_up_letter',
	'referral_form',
	'service_overview',
	'phone_script',
	'lunch_and_learn',
	'blank'
] as const;
export type DocumentKind = (typeof documentKinds)[number];

// One list of provider roles for the directory, share links and letters.
export { providerRoles, roleLabels as providerRoleLabels, type ProviderRole } from '../referrals/vocabulary.ts';

export const kindGroups = ['record', 'letter', 'outreach'] as const;
export type KindGroup = (typeof kindGroups)[number];

export const kindGroupLabels: Record<KindGroup, string> = {
	record: 'Client records',
	letter: 'Letters and forms for providers',
	outreach: 'Outreach materials'
};

export interface KindInfo {
	label: string;
	group: KindGroup;
	/** One line shown where the trainer picks a kind. */
	summary: string;
	/** Whether the document holds outcome measures (and shows their charts). */
	measures: boolean;
	/** Whether the template names a provider, so the new-document form asks for one. */
	provider: boolean;
	/** The provider's role the template is written for, when the kind fixes it. */
	audience?: ProviderRole;
	/** Whether the document is meant to be shown one section per slide. */
	slides: boolean;
	/**
	 * Whether a new document of this kind starts with the client's measurements from their other
	 * documents: a report compares against a baseline recorded earlier.
	 */
	carriesMeasures: boolean;
	/** A clinical report about the client for their provider: what a consent covers unless the client says otherwise. */
	clinicalReport?: boolean;
}

export const documentKindInfo: Record<DocumentKind, KindInfo> = {
	blank: {
		label: 'Blank document',
		group: 'record',
		summary: 'An empty page for anything the templates do not cover.',
		measures: false,
		provider: false,
		slides: false,
		carriesMeasures: false
	},
	progress_log: {
		label: 'Progress log',
		group: 'record',
		summary: 'Dated session notes and the measures recorded along the way.',
		measures: true,
		provider: false,
		slides: false,
		carriesMeasures: false
	},
	initial_assessment: {
		label: 'Initial assessment summary',
		group: 'record',
		summary: 'Goals, history relevant to exercise, baseline measures and the plan.',
		measures: true,
		provider: true,
		slides: false,
		carriesMeasures: false,
		clinicalReport: true
	},
	progress_report: {
		label: 'Progress report to a provider',
		group: 'record',
		summary: 'One page for the referring provider: status, change from baseline, recommendations.',
		measures: true,
		provider: true,
		slides: false,
		carriesMeasures: true,
		clinicalReport: true
	},
	discharge_summary: {
		label: 'Discharge summary',
		group: 'record',
		summary: 'Goals and status at discharge, sessions attended, home programme, coordination of care.',
		measures: true,
		provider: true,
		slides: false,
		carriesMeasures: true,
		clinicalReport: true
	},
	intro_letter_physician: {
		label: 'Introductory letter to a physician',
		group: 'letter',
		summary: 'Introduces the practice to a physician, in terms of function and risk.',
		measures: false,
		provider: true,
		audience: 'physician',
		slides: false,
		carriesMeasures: false
	},
	intro_letter_physical_therapist: {
		label: 'Introductory letter to a physical therapist',
		group: 'letter',
		summary: 'Introduces the practice as the next step after physical therapy.',
		measures: false,
		provider: true,
		audience: 'physical_therapist',
		slides: false,
		carriesMeasures: false
	},
	intro_letter_chiropractor: {
		label: 'Introductory letter to a chiropractor',
		group: 'letter',
		summary: 'Introduces the practice as support between chiropractic visits.',
		measures: false,
		provider: true,
		audience: 'chiropractor',
		slides: false,
		carriesMeasures: false
	},
	follow_up_letter: {
		label: 'Follow-up and thank-you letter',
		group: 'letter',
		summary: 'Thanks a provider for a referral and says what happens next.',
		measures: false,
		provider: true,
		slides: false,
		carriesMeasures: false
	},
	referral_form: {
		label: 'Referral form',
		group: 'letter',
		summary: 'A form a provider fills in: reason for referral, precautions, reports wanted.',
		measures: false,
		provider: true,
		slides: false,
		carriesMeasures: false
	},
	service_overview: {
		label: 'Service overview (one page)',
		group: 'outreach',
		summary: 'Who the practice helps, how referral works, what the provider receives.',
		measures: false,
		provider: false,
		slides: false,
		carriesMeasures: false
	},
	phone_script: {
		label: 'Phone script',
		group: 'outreach',
		summary: 'What to say when calling a provider’s office, with answers to common questions.',
		measures: false,
		provider: true,
		slides: false,
		carriesMeasures: false
	},
	lunch_and_learn: {
		label: 'Lunch & Learn presentation',
		group: 'outreach',
		summary: 'A 25-minute talk for a clinic’s staff, one section per slide.',
		measures: false,
		provider: false,
		slides: true,
		carriesMeasures: false
	}
};

/**
 * Where a document of a kind lives. Client records are about one client and live under them;
 * letters and outreach materials are the practice's own and live in its Documents area, where no
 * client ever sees them. A blank page can be either.
 */
export const clientKinds = (Object.keys(documentKindInfo) as DocumentKind[]).filter((kind) => documentKindInfo[kind].group === 'record');
export const practiceKinds = (Object.keys(documentKindInfo) as DocumentKind[]).filter((kind) => kind === 'blank' || documentKindInfo[kind].group !== 'record');

/** Kinds that only the practice holds: documents of these kinds created under a client were moved (drizzle/0012). */
export function isPracticeOnlyKind(kind: DocumentKind): boolean {
	return documentKindInfo[kind].group !== 'record';
}

/** The kinds a client's consent can cover: the records about them. Practice documents need no consent. */
export const consentableKinds = clientKinds;

/** What the consent form ticks before the client chooses: the clinical reports, not every kind. */
export const defaultConsentKinds = clientKinds.filter((kind) => documentKindInfo[kind].clinicalReport);
