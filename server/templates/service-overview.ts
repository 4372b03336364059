import type { TemplateContext } from './context.ts';
import { bulletList, doc, heading, lines, orderedList, paragraph, type PMNode } from './nodes.ts';
import { credentialsSection, overviewLead, specialtiesSection, whoWeHelp } from './profile-blocks.ts';
import { scopeStatement } from './shared.ts';

export function serviceOverview(context: TemplateContext): PMNode {
	return doc(
		heading(1, `${context.practice}: medical exercise for your patients`),
		...overviewLead(context),
		paragraph('Supervised, progressive exercise for adults whose health makes an ordinary gym a poor fit, reported to you in the measures you use.'),
		heading(2, 'Who we help'),
		whoWeHelp(context, [
			'Older adults at risk of falling',
			'People finishing physical therapy who need to keep progressing',
			'Adults with hypertension, type 2 diabetes, osteoporosis or arthritis',
			'People before and after joint replacement'
		]),
		...specialtiesSection(context),
		heading(2, 'How referral works'),
		orderedList(
			'You refer with a note or our referral form, including any precautions.',
			'We assess: goals, health history relevant to exercise, and baseline measures.',
			'The client exercises with us one to three times a week, within your precautions.',
			'You receive a one-page progress report with charts at the intervals you choose.',
			'At discharge you receive a summary and the client keeps a home programme.'
		),
		heading(2, 'What we measure'),
		bulletList(
			'Timed up-and-go, single-leg stance, 30-second chair stand',
			'6-minute walk distance, grip strength',
			'Blood pressure and resting heart rate at every session',
			'Pain (0–10) and the Patient-Specific Functional Scale'
		),
		heading(2, 'Our role'),
		scopeStatement(context),
		...credentialsSection(context),
		heading(2, 'Contact'),
		lines([context.trainer.name], [context.practice], [context.trainer.email])
	);
}
