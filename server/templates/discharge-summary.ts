import { providerWithClinic, type TemplateContext, clientName } from './context.ts';
import { bulletList, checklist, doc, heading, lines, orderedList, paragraph, prompt, type PMNode } from './nodes.ts';
import { scopeStatement, signature } from './shared.ts';

export function dischargeSummary(context: TemplateContext): PMNode {
	return doc(
		heading(1, `Discharge summary: ${clientName(context)}`),
		lines(
			[`Client: ${clientName(context)}`],
			[`Provider: ${providerWithClinic(context)}`],
			[`Trainer: ${context.trainer.name}, ${context.practice}`],
			['Programme: ', prompt('start date'), ` to ${context.date}`]
		),
		heading(2, 'Goals and status at discharge'),
		bulletList(
			['Goal: ', prompt('as agreed at the start'), ' · Status: ', prompt('met / partly met / not met, with the measure that shows it')],
			['Goal: ', prompt('…'), ' · Status: ', prompt('…')]
		),
		heading(2, 'Sessions attended'),
		paragraph(prompt('attended'), ' of ', prompt('scheduled'), ' sessions; ', prompt('reasons for missed sessions, if relevant'), '.'),
		heading(2, 'Outcome measures'),
		paragraph('Baseline and discharge values, with the change in each, are attached below.'),
		heading(2, 'Home programme'),
		paragraph('What the client will keep doing on their own, how often, and how to progress it safely:'),
		orderedList(prompt('Exercise, amount, days per week'), prompt('…'), prompt('…')),
		heading(2, 'Reason for ending the programme'),
		checklist('Goals met', 'Client continues independently with the home programme', 'Referred back to the provider', 'Change in health status', [
			'Other: ',
			prompt('…')
		]),
		heading(2, 'Coordination of care'),
		paragraph(
			`A copy of this summary goes to ${providerWithClinic(context)}. `,
			prompt('Any follow-up agreed, and the signs that should prompt the client to contact their provider.')
		),
		heading(2, 'Scope of practice'),
		scopeStatement(context),
		signature(context)
	);
}
