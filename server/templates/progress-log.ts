import { clientName, type TemplateContext } from './context.ts';
import { bulletList, doc, heading, paragraph, prompt, type PMNode } from './nodes.ts';

export function progressLog(context: TemplateContext): PMNode {
	return doc(
		heading(1, `Progress log: ${clientName(context)}`),
		paragraph(`${context.practice} · Trainer: ${context.trainer.name} · Started ${context.date}`),
		heading(2, 'Goals in the client’s words'),
		bulletList(
			prompt('An everyday activity the client wants back, e.g. carry the shopping up the stairs without stopping.'),
			prompt('A second goal, with how you will know it is met.')
		),
		heading(2, 'Precautions from the provider'),
		paragraph(prompt('Limits on blood pressure, heart rate, weight bearing or range of motion, and who set them.')),
		heading(2, 'Sessions'),
		paragraph(
			prompt(
				'One entry per session, newest first. Record outcome measures in the Measurements panel so they chart over time; here, note what they mean for daily life.'
			)
		),
		heading(3, `${context.date}: session 1`),
		bulletList(
			['Focus: ', prompt('e.g. standing up from a low chair without using the hands')],
			['Exercises and load: ', prompt('what was done, at what intensity')],
			['Response: ', prompt('effort (RPE), pain before and after (0–10), anything unusual')],
			['Change in function: ', prompt('what the client can do now that they could not before')],
			['Next time: ', prompt('what to progress or hold')]
		),
		heading(2, 'Contact with providers'),
		paragraph(prompt('Date, who, what was shared, what was agreed.'))
	);
}
