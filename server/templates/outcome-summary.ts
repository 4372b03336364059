import type { OutcomeTable } from '../../src/lib/shared/measures/outcome-summary-table.ts';
import { heading, italic, paragraph, table, type PMNode } from './nodes.ts';

/**
 * The practice's outcome summary as blocks of a service overview or a Lunch & Learn: a heading
 * (a slide of its own in a presentation), the table, and the notes that make it honest.
 */
export function outcomeSummaryBlocks(summary: OutcomeTable, dateLine: string): PMNode[] {
	if (summary.rows.length === 0) {
		return [heading(2, 'Our outcomes'), paragraph('Not enough clients with a baseline and a later measure yet to report without anyone being recognisable.')];
	}
	return [heading(2, 'Our outcomes'), paragraph(italic(dateLine)), table(summary.header, ...summary.rows), ...summary.notes.map((note) => paragraph(note))];
}
