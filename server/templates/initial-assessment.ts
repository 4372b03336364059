import { formatIsoDate, providerWithClinic, type TemplateContext, clientName } from './context.ts';
import { bulletList, doc, heading, lines, paragraph, prompt, type PMNode } from './nodes.ts';
import { scopeStatement } from './shared.ts';

export function initialAssessment(context: TemplateContext): PMNode {
	const birth = context.client?.dateOfBirth ? formatIsoDate(context.client?.dateOfBirth, context.format) : '[date of birth]';
	return doc(
		heading(1, 'Initial assessment summary'),
		lines(
			[`Client: ${clientName(context)} (born ${birth})`],
			[`Assessed on: ${context.date}`],
			[`Assessed by: ${context.trainer.name}, ${context.practice}`],
			[`Referring provider: ${providerWithClinic(context)}`]
		),
		heading(2, 'Reason for referral and goals'),
		paragraph(prompt('Why the provider referred the client, in the provider’s words where possible.')),
		bulletList(
			['Goal 1: ', prompt('an activity, a target and a date, e.g. walk to the bus stop and back (800 m) without a rest by June')],
			['Goal 2: ', prompt('…')]
		),
		heading(2, 'Health history relevant to exercise'),
		paragraph(
			prompt(
				'Conditions and medications as reported by the client or the provider, pre-participation screening result (e.g. PAR-Q+), and any clearance or precautions received.'
			)
		),
		heading(2, 'Baseline measures'),
		paragraph('Measures recorded today in the Measurements panel become the baseline for every later report. A usual set:'),
		bulletList(
			'Resting heart rate and blood pressure',
			'30-second chair stand and timed up-and-go',
			'Single-leg stance, each side',
			'6-minute walk distance',
			'Grip strength, each hand',
			'Patient-Specific Functional Scale: up to five activities the client finds hard'
		),
		heading(2, 'Observations'),
		heading(3, 'Posture and movement quality'),
		paragraph(prompt('What you saw in sit-to-stand, squat, step-up, reach and gait.')),
		heading(3, 'Balance and gait'),
		paragraph(prompt('Use of aids, base of support, turning, any loss of balance.')),
		heading(3, 'Strength and endurance'),
		paragraph(prompt('Which tasks were limited by strength, and which by breathlessness or fatigue.')),
		heading(3, 'Flexibility and range of motion'),
		paragraph(prompt('Joints and movements that limit daily tasks.')),
		heading(2, 'Plan'),
		bulletList(
			['Sessions: ', prompt('how many per week, for how many weeks')],
			['Focus: ', prompt('the abilities the goals depend on')],
			['Reassessment: ', prompt('date')],
			['First report to the provider: ', prompt('date')]
		),
		heading(2, 'Scope of practice'),
		scopeStatement(context)
	);
}
