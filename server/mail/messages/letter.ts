import type { JSONContent } from '@tiptap/core';
import type { MailContent } from '../outbox.ts';
import { escapeHtml } from './layout.ts';

/** Blocks that end a line of plain text; everything else is inline. */
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'tableRow', 'horizontalRule']);

/** The document as plain text: one paragraph a block, list items marked, so a text-only reader gets the same letter. */
export function documentText(node: JSONContent): string {
	const lines: string[] = [];
	let line = '';
	const walk = (n: JSONContent) => {
		if (n.type === 'text') line += n.text ?? '';
		else if (n.type === 'hardBreak') line += '\n';
		else if (n.type === 'listItem') line += '- ';
		for (const child of n.content ?? []) walk(child);
		// A list item's paragraph ends its line already.
		if (n.type && BLOCKS.has(n.type) && n.type !== 'listItem') {
			if (line.trim()) lines.push(line.trim());
			line = '';
		}
	};
	walk(node);
	if (line.trim()) lines.push(line.trim());
	return lines.join('\n\n');
}

/** A letter from a template, sent as the email itself: its body is the document, nothing of Bridgework's around it but a footer. */
export function letterMail(input: { subject: string; html: string; text: string; trainerName: string; practiceName: string | null }): MailContent {
	const from = input.practiceName ? `${input.trainerName}, ${input.practiceName}` : input.trainerName;
	return {
		subject: input.subject,
		text: `${input.text}\n\n--\n${from}\nThe letter is attached as a PDF. Replying to this email reaches ${input.trainerName}.`,
		html: [
			'<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em;margin:0 auto;padding:16px">',
			input.html,
			`<p style="margin:24px 0 0;color:#555;font-size:14px">${escapeHtml(from)}<br>The letter is attached as a PDF. Replying to this email reaches ${escapeHtml(input.trainerName)}.</p>`,
			'</body></html>'
		].join('\n')
	};
}
