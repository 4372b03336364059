import { providerName, type TemplateContext } from './context.ts';
import { bold, checklist, doc, heading, paragraph, prompt, quote, type PMNode } from './nodes.ts';

const qa = (question: string, answer: string): PMNode[] => [paragraph(bold(question)), quote(paragraph(answer))];

export function phoneScript(context: TemplateContext): PMNode {
	const provider = providerName(context);
	return doc(
		heading(1, `Phone script: calling ${provider}’s office`),
		heading(2, 'Before the call'),
		checklist(
			'The client’s written consent to contact this provider is on file',
			'The service overview and referral form are ready to send',
			'You know who to ask for: the provider, the office manager or the referral coordinator'
		),
		heading(2, 'Opening, with the front desk'),
		quote(
			paragraph(
				`Hello, my name is ${context.trainer.name} from ${context.practice}. I am an exercise professional working with older adults and people with health conditions. `,
				`Could you tell me the best way to send ${provider} a short introduction and a referral form: fax, email or post?`
			)
		),
		heading(2, 'If you reach the provider (30 seconds)'),
		quote(
			paragraph(
				'I work with ',
				context.client ? context.client.name : prompt('a shared client, by first name, once their consent is on file'),
				', who has given consent for me to contact you. ',
				'I track timed up-and-go, chair stand, walking distance and pain, and I would like to send you a one-page report every few weeks. ',
				'Are there precautions you would like me to follow, and how often would you like to hear from me?'
			)
		),
		heading(2, 'Common questions'),
		...qa(
			'Are you a physical therapist?',
			'No. I am an exercise professional. I start where therapy ends, keep the client progressing, and refer back to you or the therapist when something changes.'
		),
		...qa('What qualifications do you hold?', '[Your certifications, e.g. medical exercise specialist, and your insurance cover.]'),
		...qa('Is it covered by insurance?', '[Your answer: self-pay, health savings accounts, or any plans you work with.]'),
		...qa('How will we hear about progress?', 'A one-page report with objective measures and charts at the intervals you choose, and a discharge summary.'),
		heading(2, 'Closing'),
		quote(paragraph('Thank you for your time. I will send the overview today and follow up in two weeks.')),
		heading(2, 'After the call'),
		paragraph(prompt('Date, who you spoke to, what was agreed, and the follow-up date.'))
	);
}
