import type { DocumentKind } from '../db/schema.ts';

export const providerRoles = ['physician', 'physical_therapist', 'chiropractor', 'other'] as const;
export type ProviderRole = (typeof providerRoles)[number];

export const providerRoleLabels: Record<ProviderRole, string> = {
	physician: 'Physician',
	physical_therapist: 'Physical therapist',
	chiropractor: 'Chiropractor',
	other: 'Other provider'
};

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
		carriesMeasures: false
	},
	progress_report: {
		label: 'Progress report to a provider',
		group: 'record',
		summary: 'One page for the referring provider: status, change from baseline, recommendations.',
		measures: true,
		provider: true,
		slides: false,
		carriesMeasures: true
	},
	discharge_summary: {
		label: 'Discharge summary',
		group: 'record',
		summary: 'Goals and status at discharge, sessions attended, home programme, coordination of care.',
		measures: true,
		provider: true,
		slides: false,
		carriesMeasures: true
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
 * The kinds a client's consent can cover: their records, and letters about them. Outreach
 * materials (service overview, phone script, presentations) hold nothing of the client's.
 */
export const consentableKinds = (Object.keys(documentKindInfo) as DocumentKind[]).filter((kind) => documentKindInfo[kind].group !== 'outreach');
