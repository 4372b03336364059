// axe-core in the end-to-end suite: a page state passes only with no WCAG 2.2 A/AA violation.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the page as it is and fails (softly, so one run lists every page's problems) with one
 * line per violation: rule, impact and the selectors of the offending nodes. Logs the count per
 * label so a run shows where the problems are.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<number> {
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const nodes = violations.reduce((sum, v) => sum + v.nodes.length, 0);
	const lines = violations.map((v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
	console.log(`axe ${label}: ${violations.length} rule(s), ${nodes} node(s)`);
	expect.soft(lines, `axe violations on ${label}`).toEqual([]);
	return nodes;
}
