import { providerName, type TemplateContext } from './context.ts';
import { bulletList, doc, lines, paragraph, prompt, type PMNode } from './nodes.ts';
import { credentialsParagraph, opening, whomIServe } from './profile-blocks.ts';
import { scopeStatement, signature } from './shared.ts';

/** Date and addressee, as a letter opens. */
function letterHead(context: TemplateContext): PMNode[] {
	const addressee = context.provider.clinic ? [[providerName(context)], [context.provider.clinic]] : [[providerName(context)]];
	return [lines([context.date]), lines(...addressee), paragraph(`Dear ${providerName(context)},`)];
}

/** A letter from the practice's Documents area names no client: the paragraph is left out. */
function sharedClient(context: TemplateContext): PMNode[] {
	if (!context.client) return [];
	return [
		paragraph(
			`With their written consent, I am also writing about our shared client, ${context.client.name}, who has started an exercise programme with me. `,
			'I will send you a one-page progress report at the intervals you prefer.'
		)
	];
}

/** The profile's specialties and conditions in a paragraph of their own, where the letter has its own opening. */
function whomIServeParagraph(context: TemplateContext): PMNode[] {
	const who = whomIServe(context);
	return who ? [paragraph(who)] : [];
}

function closing(context: TemplateContext, offer: string): PMNode[] {
	return [
		paragraph(
			offer,
			' I have enclosed a one-page overview of the service and a referral form; I would welcome ten minutes to hear how you would like us to work together.'
		),
		// Credentials last: the letter has said what the trainer achieves before who certified them.
		...credentialsParagraph(context),
		scopeStatement(context),
		signature(context)
	];
}

export function introLetterPhysician(context: TemplateContext): PMNode {
	return doc(
		...letterHead(context),
		paragraph(
			opening(context),
			whomIServe(context) ??
				'I work with adults whose health conditions make ordinary gyms a poor fit: people with high blood pressure, type 2 diabetes, osteoporosis or joint replacements, and older adults at risk of falling.'
		),
		paragraph('What your patients and your practice can expect:'),
		bulletList(
			'An exercise programme built around the precautions you set, with blood pressure and heart rate checked at every session.',
			'Progress reported in objective measures you already use: timed up-and-go, 30-second chair stand, 6-minute walk distance, grip strength and pain (0–10).',
			'A one-page report, charts included, at the intervals you choose, and a discharge summary with the home programme.',
			'A prompt call to your office when a reading or a symptom falls outside the limits you have set.'
		),
		...sharedClient(context),
		...closing(context, 'Referral is simple: a note on your letterhead or the enclosed form is enough.')
	);
}

export function introLetterPhysicalTherapist(context: TemplateContext): PMNode {
	return doc(
		...letterHead(context),
		paragraph(
			opening(context),
			'When your patients finish physical therapy, many still need supervised, progressive exercise to keep the function they have regained. ',
			'That is where I come in.'
		),
		...whomIServeParagraph(context),
		paragraph('How I work alongside physical therapy:'),
		bulletList(
			'I continue the home exercise programme you set and progress it within your precautions and restrictions.',
			'I use the measures you use (timed up-and-go, 30-second chair stand, single-leg stance, Patient-Specific Functional Scale), so your discharge values become my baseline.',
			'You receive a one-page progress report and a discharge summary, with charts of each measure over time.',
			'If pain, swelling or function changes in a way that calls for your assessment, I refer the client back to you.'
		),
		...sharedClient(context),
		...closing(context, 'A copy of your discharge note is the most useful referral I can receive.')
	);
}

export function introLetterChiropractor(context: TemplateContext): PMNode {
	return doc(
		...letterHead(context),
		paragraph(opening(context), 'I help clients build the strength, stability and movement habits that support your care between visits.'),
		...whomIServeParagraph(context),
		paragraph('How I work alongside chiropractic care:'),
		bulletList(
			'Exercise that respects the precautions and the care plan you have set, and is adjusted when you tell me the plan has changed.',
			'Progress in measures rather than impressions: pain (0–10), single-leg stance, timed up-and-go, range of motion and the Patient-Specific Functional Scale.',
			'A one-page report with charts at the intervals you choose.',
			'A referral back to you whenever a symptom changes or a new one appears.'
		),
		...sharedClient(context),
		...closing(context, 'Referring is as simple as handing your patient the enclosed form.')
	);
}

export function followUpLetter(context: TemplateContext): PMNode {
	return doc(
		...letterHead(context),
		paragraph(
			'Thank you for referring ',
			context.client ? context.client.name : prompt('your client, by initials or first name'),
			` to ${context.practice}. I appreciate your trust, and I will keep you informed.`
		),
		paragraph('Where things stand:'),
		bulletList(
			['Initial assessment: ', prompt('date')],
			['Baseline measures: ', prompt('e.g. timed up-and-go 13.4 s, 30-second chair stand 8, pain 5/10 on stairs')],
			['Goals agreed with the client: ', prompt('one or two functional goals')],
			['Plan: ', prompt('sessions per week and for how long')],
			['First progress report to you: ', prompt('date')]
		),
		paragraph(
			'If there are precautions I should know about, or a change in the plan of care, please let me know and I will adjust the programme the same day.'
		),
		scopeStatement(context),
		signature(context, 'With thanks,')
	);
}
