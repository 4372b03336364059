import { formatNumber } from '../../src/lib/shared/format.ts';
import { credentialLine } from '../practice/profile.ts';
import type { TemplateContext } from './context.ts';
import { bulletList, heading, paragraph, type PMNode } from './nodes.ts';

// What the trainer's professional profile adds to letters and the service overview, in the order
// the seeds advise ("focus on the outcomes you achieve, not your certifications"): the outcomes
// statement first, then specialties and the conditions served, credentials last. With an empty
// profile every block gives way to the template's own general wording.

/** "a, b and c" as the practice's language joins a list. */
function inWords(items: readonly string[], context: TemplateContext): string {
	return new Intl.ListFormat(context.format.locale, { type: 'conjunction' }).format(items);
}

/** A sentence of the trainer's own, ended as a sentence whatever they typed. */
function sentence(text: string): string {
	return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** "I am … of …." followed by the outcomes statement, which a provider reads first. */
export function opening(context: TemplateContext): string {
	const outcomes = context.profile.outcomesStatement;
	return `I am ${context.trainer.name} of ${context.practice}. ${outcomes ? `${sentence(outcomes)} ` : ''}`;
}

/** Specialties and the conditions served, in the first person; null when the profile names neither. */
export function whomIServe(context: TemplateContext): string | null {
	const { specialties, conditionsServed } = context.profile;
	const parts = [
		specialties.length > 0 ? `My ${specialties.length === 1 ? 'specialty is' : 'specialties are'} ${inWords(specialties, context)}.` : '',
		conditionsServed.length > 0 ? `I work with people living with ${inWords(conditionsServed, context)}.` : ''
	];
	return parts.filter(Boolean).join(' ') || null;
}

/** "12 hours of continuing education in the last two years", or null with none. */
function educationLine(context: TemplateContext): string | null {
	const hours = context.profile.recentEducationHours;
	if (hours <= 0) return null;
	return `${formatNumber(hours, context.format, { maximumFractionDigits: 2 })} ${hours === 1 ? 'hour' : 'hours'} of continuing education in the last two years`;
}

/** A letter's credentials, after what it says the trainer achieves; none when the profile lists none. */
export function credentialsParagraph(context: TemplateContext): PMNode[] {
	const credentials = context.profile.credentials.map(credentialLine);
	if (credentials.length === 0) return [];
	const education = educationLine(context);
	return [paragraph(`My credentials: ${credentials.join('; ')}${education ? `; and ${education}` : ''}.`)];
}

/** The service overview's lead: the outcomes statement, before what the service is. */
export function overviewLead(context: TemplateContext): PMNode[] {
	const outcomes = context.profile.outcomesStatement;
	return outcomes ? [paragraph(sentence(outcomes))] : [];
}

/** "Who we help": the conditions the trainer serves, or the template's own list. */
export function whoWeHelp(context: TemplateContext, general: string[]): PMNode {
	const served = context.profile.conditionsServed;
	return bulletList(...(served.length > 0 ? served : general));
}

export function specialtiesSection(context: TemplateContext): PMNode[] {
	const specialties = context.profile.specialties;
	return specialties.length > 0 ? [heading(2, 'Specialties'), bulletList(...specialties)] : [];
}

export function credentialsSection(context: TemplateContext): PMNode[] {
	const credentials = context.profile.credentials.map(credentialLine);
	if (credentials.length === 0) return [];
	const education = educationLine(context);
	return [heading(2, 'Credentials'), bulletList(...credentials, ...(education ? [education.charAt(0).toUpperCase() + education.slice(1)] : []))];
}
