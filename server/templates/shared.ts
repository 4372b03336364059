import type { TemplateContext } from './context.ts';
import { lines, paragraph, type PMNode } from './nodes.ts';

/**
 * The sentence every provider-facing document carries. Worded as a plain statement of role, not a
 * disclaimer: it tells the provider who stays in charge of the medical side.
 */
export function scopeStatement(context: TemplateContext): PMNode {
	return paragraph(
		`${context.trainer.name} is an exercise professional and does not diagnose or treat medical conditions. `,
		'The exercise programme works within the plan of care and the precautions set by the client’s provider, ',
		'and any new or changing symptom is referred back to the provider.'
	);
}

export function signature(context: TemplateContext, closing = 'With kind regards,'): PMNode {
	return lines([closing], [''], [context.trainer.name], [context.practice], [context.trainer.email]);
}
