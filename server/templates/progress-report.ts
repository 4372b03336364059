import { formatIsoDate, providerWithClinic, type TemplateContext, clientName } from './context.ts';
import { bulletList, doc, heading, lines, paragraph, prompt, type PMNode } from './nodes.ts';
import { scopeStatement, signature } from './shared.ts';

/** The status sections a provider reads, in the order they think in: function first. */
export const PROGRESS_REPORT_STATUS_SECTIONS = [
	['Function', 'Daily activities the client can now do, with their Patient-Specific Functional Scale scores.'],
	['Strength', 'Lower and upper body, e.g. 30-second chair stand and grip strength against baseline.'],
	['Flexibility and range of motion', 'Movements that limited daily tasks and how far they have changed.'],
	['Stability', 'Control of the trunk and joints during loaded and single-leg tasks.'],
	['Endurance', 'Walking distance and effort, e.g. 6-minute walk distance and RPE at the same workload.'],
	['Balance and coordination', 'Timed up-and-go, single-leg stance, turning and stepping.']
] as const;

/** The improvements the report was drafted to tell, with the sources of their thresholds. */
function outcomeLines(context: TemplateContext): PMNode[] {
	const outcomes = context.outcomes;
	if (!outcomes || outcomes.lines.length === 0) return [];
	return [
		bulletList(...outcomes.lines),
		paragraph(`Sources: ${outcomes.sources.map((source) => (source.url ? `${source.citation} ${source.url}` : source.citation)).join(' ')}`)
	];
}

export function progressReport(context: TemplateContext): PMNode {
	const since = context.outcomes?.since ? formatIsoDate(context.outcomes.since, context.format) : null;
	const birth = context.client?.dateOfBirth ? `, born ${formatIsoDate(context.client?.dateOfBirth, context.format)}` : '';
	return doc(
		heading(1, `Progress report: ${clientName(context)}`),
		lines(
			[`To: ${providerWithClinic(context)}`],
			[`From: ${context.trainer.name}, ${context.practice}`],
			[`Client: ${clientName(context)}${birth}`],
			[`Date: ${context.date} · Period: `, since ?? prompt('start date'), ` to ${context.date}`]
		),
		heading(2, 'Summary'),
		paragraph(prompt('Two sentences: what the client can do now that they could not at the start, and attendance.')),
		heading(2, 'Status'),
		...PROGRESS_REPORT_STATUS_SECTIONS.flatMap(([title, hint]) => [heading(3, title), paragraph(prompt(hint))]),
		heading(2, 'Change from baseline'),
		...outcomeLines(context),
		paragraph(
			'The outcome measures attached to this report give each measure’s first and latest value, the change, and published reference values where they exist.'
		),
		heading(2, 'Recommendations'),
		bulletList(
			['Programme: ', prompt('continue, progress or taper; sessions per week')],
			['For your review: ', prompt('anything the client or the trainer would like the provider to look at')],
			['Next report: ', prompt('date')]
		),
		heading(2, 'Scope of practice'),
		scopeStatement(context),
		signature(context)
	);
}
