import type { DocumentKind } from '../db/schema.ts';
import type { TemplateContext } from './context.ts';
import { dischargeSummary } from './discharge-summary.ts';
import { initialAssessment } from './initial-assessment.ts';
import { followUpLetter, introLetterChiropractor, introLetterPhysician, introLetterPhysicalTherapist } from './intro-letters.ts';
import { lunchAndLearn } from './lunch-and-learn.ts';
import type { PMNode } from './nodes.ts';
import { phoneScript } from './phone-script.ts';
import { progressLog } from './progress-log.ts';
import { progressReport } from './progress-report.ts';
import { referralForm } from './referral-form.ts';
import { serviceOverview } from './service-overview.ts';

export type { TemplateContext } from './context.ts';

/** Our own wording for every kind of document; null is an empty document with no text seeded. */
export const templates: Record<DocumentKind, (context: TemplateContext) => PMNode | null> = {
	blank: () => null,
	progress_log: progressLog,
	initial_assessment: initialAssessment,
	progress_report: progressReport,
	discharge_summary: dischargeSummary,
	intro_letter_physician: introLetterPhysician,
	intro_letter_physical_therapist: introLetterPhysicalTherapist,
	intro_letter_chiropractor: introLetterChiropractor,
	follow_up_letter: followUpLetter,
	referral_form: referralForm,
	service_overview: serviceOverview,
	phone_script: phoneScript,
	lunch_and_learn: lunchAndLearn
};
