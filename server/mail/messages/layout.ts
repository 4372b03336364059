import { formatDate, type FormatContext } from '../../../src/lib/shared/format.ts';
import type { MailContent } from '../outbox.ts';

export function escapeHtml(value: string): string {
	return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

export interface Letter {
	subject: string;
	greeting: string;
	/** Plain paragraphs; the HTML escapes them, so a name or message typed by anyone stays text. */
	paragraphs: string[];
	/** The one thing to do, as a button in HTML and a bare URL in text. */
	action?: { label: string; url: string };
	/** Said after the action, e.g. when a link expires or what to do if this was not you. */
	after?: string[];
	/** A quoted message from a person (the trainer's note to a provider). */
	quote?: { from: string; text: string };
}

/**
 * Every email as plain text and HTML from one description, so the two never say different
 * things. The HTML is deliberately plain: inline styles only, one column, readable unstyled.
 */
export function compose(letter: Letter): MailContent {
	const text = [
		letter.greeting,
		'',
		...letter.paragraphs.flatMap((paragraph) => [paragraph, '']),
		...(letter.quote ? [`${letter.quote.from} wrote:`, ...letter.quote.text.split('\n').map((line) => `> ${line}`), ''] : []),
		...(letter.action ? [`${letter.action.label}:`, letter.action.url, ''] : []),
		...(letter.after ?? []).flatMap((paragraph) => [paragraph, '']),
		'— Bridgework'
	].join('\n');
	// A line break inside a paragraph (a list of items) stays one in HTML.
	const p = (value: string) => `<p style="margin:0 0 16px">${escapeHtml(value).replaceAll('\n', '<br>')}</p>`;
	const html = [
		'<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em;margin:0 auto;padding:16px">',
		p(letter.greeting),
		...letter.paragraphs.map(p),
		letter.quote
			? `<p style="margin:0 0 4px">${escapeHtml(letter.quote.from)} wrote:</p><blockquote style="margin:0 0 16px;padding-left:12px;border-left:3px solid #999">${letter.quote.text
					.split('\n')
					.map(escapeHtml)
					.join('<br>')}</blockquote>`
			: '',
		letter.action
			? `<p style="margin:0 0 16px"><a href="${escapeHtml(letter.action.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(letter.action.label)}</a></p><p style="margin:0 0 16px;font-size:14px;color:#555">Or copy this link: ${escapeHtml(letter.action.url)}</p>`
			: '',
		...(letter.after ?? []).map(p),
		'<p style="margin:0;color:#555">— Bridgework</p>',
		'</body></html>'
	].join('\n');
	return { subject: letter.subject, text, html, link: letter.action?.url };
}

/** "2 December 2026", in words a reader anywhere understands: the practice's date at that instant. */
export function longDate(date: Date, format: FormatContext): string {
	return formatDate(date, format, 'long');
}
