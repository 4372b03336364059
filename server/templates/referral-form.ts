import { formatIsoDate, type TemplateContext } from './context.ts';
import { BLANK, checklist, doc, heading, lines, paragraph, prompt, type PMNode } from './nodes.ts';

/** Printed and filled in by hand, so every answer has a line or a box. */
export function referralForm(context: TemplateContext): PMNode {
	const birth = context.client?.dateOfBirth ? formatIsoDate(context.client.dateOfBirth, context.format) : BLANK;
	return doc(
		heading(1, `Exercise referral to ${context.practice}`),
		paragraph(`Please complete and return to ${context.trainer.name}, ${context.trainer.email}. Thank you for the referral.`),
		heading(2, 'Client'),
		lines([`Name: ${context.client?.name ?? BLANK}`], [`Date of birth: ${birth}`], [`Phone: ${BLANK}`]),
		heading(2, 'Referring provider'),
		lines([`Name: ${context.provider.name ?? BLANK}`], [`Practice: ${context.provider.clinic ?? BLANK}`], [`Phone or email: ${BLANK}`]),
		checklist('Physician', 'Physical therapist', 'Chiropractor', `Other: ${BLANK}`),
		heading(2, 'Reason for referral'),
		checklist(
			'Balance and fall risk',
			'Strength and conditioning after physical therapy',
			'After joint replacement',
			'Support for a chronic condition (e.g. hypertension, type 2 diabetes, osteoporosis)',
			'Weight management',
			`Other: ${BLANK}`
		),
		heading(2, 'Relevant conditions and medications'),
		paragraph(BLANK, BLANK, BLANK),
		heading(2, 'Precautions'),
		checklist(
			`Blood pressure limits: ${BLANK}`,
			`Heart rate limits, or medication that affects heart rate: ${BLANK}`,
			`Weight-bearing status: ${BLANK}`,
			`Range of motion limits: ${BLANK}`,
			`Other: ${BLANK}`
		),
		heading(2, 'Reports'),
		checklist('Every 4 weeks', 'Every 8 weeks', 'At discharge only', 'When a reading is outside the limits above'),
		heading(2, 'Signature'),
		lines([`Provider’s signature: ${BLANK}`], [`Date: ${BLANK}`]),
		paragraph(prompt(`Prepared ${context.date}. The client has agreed to share this form with ${context.practice}.`))
	);
}
