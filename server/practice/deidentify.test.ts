import { describe, expect, it } from 'vitest';
import { blockTexts, nameForms, nameReplacements, relativeDate, remainingIdentifiers, scrubDocument, scrubText, type ScrubContext } from './deidentify.ts';

const client = { names: ['Margaret Okafor'], emails: ['maggie@example.org'], dateOfBirth: '1951-06-14' };
const context: ScrubContext = {
	client,
	others: [...nameReplacements(['Dr Anna Patel', 'June Whitfield']), { text: 'Riverside Family Medicine', with: '[place]' }],
	anchor: '2026-01-05',
	monthFirst: false
};

describe('names', () => {
	it('are found whole and in their parts, titles aside', () => {
		expect(nameForms('Dr Anna Patel')).toEqual(['Dr Anna Patel', 'Patel', 'Anna']);
	});

	it('are replaced wherever the text writes them, the client’s apart from others', () => {
		expect(scrubText('Margaret Okafor, referred by Dr Anna Patel. Margaret walked with June.', context)).toBe(
			'[client], referred by [name]. [client] walked with [name].'
		);
	});

	it('are never read again once replaced, whatever other people are called', () => {
		const clientNamed = { ...context, others: nameReplacements(['Knee Client', 'Date Week']) };
		expect(scrubText('Margaret Okafor, a client, on 2026-02-16', clientNamed)).toBe('[client], a [name], on [week 6]');
	});

	it('with a title are removed even when the records do not know them', () => {
		expect(scrubText('Seen by Dr Priya Raman and Mrs. Lee; Dr Okafor is the client', context)).toBe('Seen by [name] and [name]; Dr [client] is the client');
	});

	it('are not found inside other words', () => {
		const ann = { ...context, client: { ...client, names: ['Ann Lee'] } };
		expect(scrubText('Annual review; Leeds', ann)).toBe('Annual review; Leeds');
	});
});

describe('dates', () => {
	it('become weeks from the baseline, the date of birth its own placeholder', () => {
		expect(scrubText('Seen 2026-02-16, again on 2 March 2026 and March 30, 2026. Born 14/06/1951.', context)).toBe(
			'Seen [week 6], again on [week 8] and [week 12]. Born [date of birth].'
		);
	});

	it('read numeric dates month first where the practice does', () => {
		expect(scrubText('06/14/1951', { ...context, monthFirst: true })).toBe('[date of birth]');
	});

	it('far from the baseline keep only their year', () => {
		expect(relativeDate('2019-05-01', '2026-01-05')).toBe('[2019]');
		expect(relativeDate('2025-12-22', '2026-01-05')).toBe('[2 weeks before baseline]');
	});

	it('leave a month and year alone, which names no day', () => {
		expect(scrubText('Since March 2026', context)).toBe('Since March 2026');
	});
});

describe('contact details, places and ages', () => {
	it('are removed or generalised', () => {
		expect(
			scrubText(
				'Write to maggie@example.org or call +44 20 7946 0958; lives at 12 Elm Street, SW1A 1AA; a 74-year-old seen at Riverside Family Medicine',
				context
			)
		).toBe('Write to [email] or call [phone]; lives at [address], [postcode]; a [70s]-year-old seen at [place]');
	});

	it('leave measures alone', () => {
		expect(scrubText('Blood pressure 128/82, walked 410 m in 6 minutes', context)).toBe('Blood pressure 128/82, walked 410 m in 6 minutes');
	});
});

describe('a document', () => {
	it('is scrubbed in every text node, and link addresses go', () => {
		const doc = {
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [{ type: 'text', text: 'Margaret', marks: [{ type: 'link', attrs: { href: 'mailto:maggie@example.org' } }, { type: 'bold' }] }]
				}
			]
		};
		expect(scrubDocument(doc, context)).toEqual({
			type: 'doc',
			content: [{ type: 'paragraph', content: [{ type: 'text', text: '[client]', marks: [{ type: 'bold' }] }] }]
		});
	});
});

describe('the check', () => {
	it('passes what the scrubber made', () => {
		const texts = [scrubText('Margaret Okafor (born 1951-06-14, maggie@example.org) on 2 March 2026', context)];
		expect(remainingIdentifiers(texts, client, context)).toEqual([]);
	});

	it('fails on a name the scrubber missed: split by a mark, or written with an accent', () => {
		const split = {
			type: 'paragraph',
			content: [
				{ type: 'text', text: 'Mar' },
				{ type: 'text', text: 'garet', marks: [{ type: 'bold' }] },
				{ type: 'text', text: ' walked' }
			]
		};
		const scrubbed = scrubDocument(split, context);
		expect(blockTexts(scrubbed)).toEqual(['Margaret walked']);
		expect(remainingIdentifiers(blockTexts(scrubbed), client, context)).toEqual([{ kind: 'name', count: 1 }]);
		expect(remainingIdentifiers(['Okáfor'], client, context)).toEqual([{ kind: 'name', count: 1 }]);
	});

	it('names every kind that remains', () => {
		expect(remainingIdentifiers(['maggie@example.org, 14 June 1951, 2026-03-02, 020 7946 0958'], client, context)).toEqual([
			{ kind: 'email', count: 1 },
			{ kind: 'phone number', count: 1 },
			{ kind: 'exact date', count: 1 },
			{ kind: 'date of birth', count: 1 }
		]);
	});
});
