import type { TemplateContext } from './context.ts';
import { bulletList, doc, heading, italic, paragraph, quote, type PMNode } from './nodes.ts';

/**
 * Speaker notes are quotes that start with "Notes:" after a slide's content (src/lib/shared/slides/split.ts):
 * the presenter window shows them beside the slide, the audience window never does, the handout prints them.
 */
const notes = (text: string): PMNode => quote(paragraph(italic('Notes: '), text));

/** A 25-minute talk for a clinic team over lunch; each level-2 heading becomes one slide. */
export function lunchAndLearn(context: TemplateContext): PMNode {
	return doc(
		heading(1, 'Keeping your patients moving after discharge'),
		paragraph(`${context.trainer.name} · ${context.practice}`),
		paragraph('Lunch & Learn · 25 minutes'),
		notes('Thank the host. Pass round the service overview while people eat.'),
		heading(2, 'Welcome (2 minutes)'),
		bulletList('Who I am and who I work with', 'What you will take away: how to refer, and what you will receive'),
		notes('Ask the room: how many of your patients stop exercising once therapy ends?'),
		heading(2, 'The gap after discharge (4 minutes)'),
		bulletList(
			'Therapy ends when the plan of care ends, not when the patient is strong',
			'Without supervision, many stop within weeks',
			'Lost function returns as falls, readmissions and repeat referrals'
		),
		notes('Use a local example if the clinic has shared one.'),
		heading(2, 'What medical exercise is, and is not (4 minutes)'),
		bulletList(
			'Is: supervised, progressive exercise within the precautions you set',
			'Is: objective measures, reported back to you',
			'Is not: assessment or care of medical conditions; that stays with you'
		),
		notes('Say plainly that the trainer does not diagnose or treat, and refers back on any change.'),
		heading(2, 'How we measure progress (5 minutes)'),
		bulletList(
			'Timed up-and-go: 12 seconds or more flags fall risk (CDC STEADI)',
			'30-second chair stand against age and sex norms',
			'6-minute walk distance, grip strength, pain (0–10)',
			'Patient-Specific Functional Scale: the activities the patient cares about'
		),
		notes('Show a sample one-page report with its charts.'),
		heading(2, 'One client’s story (4 minutes)'),
		bulletList('Starting point in measures', 'What we worked on, in terms of daily life', 'Where they are now, and what the provider received'),
		notes('Only with the client’s written consent, and without identifying details.'),
		heading(2, 'How to refer (3 minutes)'),
		bulletList('A note on letterhead or our one-page form', 'Precautions and report frequency on the form', 'We call your office within two working days'),
		notes('Hand out the referral forms now.'),
		heading(2, 'Questions (3 to 5 minutes)'),
		paragraph('Thank you.'),
		paragraph(`${context.trainer.name} · ${context.trainer.email}`),
		notes('Hand out the leave-behind (Handout PDF in the presenter view): the slides, your contact and the outcome summary.')
	);
}
