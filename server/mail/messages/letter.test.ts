import { describe, expect, it } from 'vitest';
import { documentText, letterMail } from './letter.ts';

describe('a letter as an email', () => {
	it('gives plain-text readers one paragraph a block, list items marked', () => {
		const text = documentText({
			type: 'doc',
			content: [
				{ type: 'heading', content: [{ type: 'text', text: 'Dear Dr Okafor,' }] },
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'I coach ' },
						{ type: 'text', text: 'older adults', marks: [{ type: 'bold' }] },
						{ type: 'text', text: '.' }
					]
				},
				{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'balance' }] }] }] }
			]
		});
		expect(text).toBe('Dear Dr Okafor,\n\nI coach older adults.\n\n- balance');
	});

	it('escapes the trainer’s name in the HTML footer', () => {
		const mail = letterMail({ subject: 'Hello', html: '<p>Hi</p>', text: 'Hi', trainerName: 'Tess <b>', practiceName: null });
		expect(mail.html).toContain('Tess &lt;b&gt;');
		expect(mail.text).toContain('Replying to this email reaches Tess <b>.');
	});
});
