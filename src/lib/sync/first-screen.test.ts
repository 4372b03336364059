// The first screen against a real IndexedDB implementation (fake-indexeddb, in memory) and the real
// y-indexeddb, as the page and the service worker use them.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '$lib/shared/editor/extensions.ts';
import {
	firstScreenNameIn,
	firstScreenOf,
	forgetFirstScreen,
	MAX_FIRST_SCREEN_CHARS,
	readFirstScreen,
	withFirstScreen,
	writeFirstScreen
} from './first-screen.ts';
import { keepFirstScreen } from './first-screen-writer.ts';
import { FIRST_SCREEN_BLOCKS } from './first-screen-html.ts';

const NAME = 'bridgework/3f1c0e0a-58a4-4c4e-9a43-d2f25c1a7b10/doc:0b3f7a52-2c71-4f43-bb52-9e1c35a0e5c1';
const open: IndexeddbPersistence[] = [];

function appendParagraph(doc: Y.Doc, text: string): void {
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
	fragment.insert(fragment.length, [paragraph]);
}

async function localCopy(name = NAME): Promise<{ doc: Y.Doc; local: IndexeddbPersistence }> {
	const doc = new Y.Doc();
	const local = new IndexeddbPersistence(name, doc);
	open.push(local);
	await local.whenSynced;
	return { doc, local };
}

async function databaseNames(): Promise<string[]> {
	return (await indexedDB.databases()).map((database) => database.name ?? '');
}

afterEach(async () => {
	for (const local of open.splice(0)) await local.clearData();
});

describe('keepFirstScreen', () => {
	it('writes the text once edits settle, escaped, and the service worker reads it by the copy’s name', async () => {
		const { doc, local } = await localCopy();
		const keeper = keepFirstScreen(doc, local, 10);
		appendParagraph(doc, 'Session 1: sit-to-stand ×5 in 11.2 s.');
		appendParagraph(doc, '<img src=x onerror=alert(1)> & more');
		await keeper.settled();
		const expected = '<p>Session 1: sit-to-stand ×5 in 11.2 s.</p><p>&lt;img src=x onerror=alert(1)&gt; &amp; more</p>';
		expect(await firstScreenOf(local)).toBe(expected);
		expect(await readFirstScreen(NAME)).toBe(expected);

		appendParagraph(doc, 'Typed later.');
		await keeper.settled();
		expect(await readFirstScreen(NAME)).toBe(`${expected}<p>Typed later.</p>`);
		keeper.stop();
	});

	it('keeps the top of a long document only: what a screen shows, not the whole text', async () => {
		const { doc, local } = await localCopy();
		const keeper = keepFirstScreen(doc, local, 10);
		doc.transact(() => {
			for (let i = 1; i <= 2_000; i++) appendParagraph(doc, `Session ${i}: walked 1.2 km.`);
		});
		await keeper.settled();
		const html = (await readFirstScreen(NAME)) ?? '';
		expect(html.startsWith('<p>Session 1: walked 1.2 km.</p><p>Session 2:')).toBe(true);
		expect(html.match(/<p>/g)).toHaveLength(FIRST_SCREEN_BLOCKS);
		keeper.stop();
	});

	it('forgets the stored text and writes no more once access has ended', async () => {
		const { doc, local } = await localCopy();
		const keeper = keepFirstScreen(doc, local, 10);
		appendParagraph(doc, 'Notes the client may no longer read.');
		await keeper.settled();
		expect(await readFirstScreen(NAME)).not.toBeNull();

		await keeper.forget();
		appendParagraph(doc, 'Arrives after the refusal.');
		await keeper.settled();
		expect(await readFirstScreen(NAME)).toBeNull();
		expect(await firstScreenOf(local)).toBeNull();
	});
});

describe('readFirstScreen and forgetFirstScreen', () => {
	it('find nothing for a copy that is not on this device, and create no database for it', async () => {
		const missing = 'bridgework/3f1c0e0a-58a4-4c4e-9a43-d2f25c1a7b10/doc:11111111-2c71-4f43-bb52-9e1c35a0e5c1';
		expect(await readFirstScreen(missing)).toBeNull();
		await forgetFirstScreen(missing);
		expect(await databaseNames()).not.toContain(missing);
	});

	it('open only names of local copies', async () => {
		expect(await readFirstScreen('some-other-database')).toBeNull();
		expect(await readFirstScreen('bridgework/../doc:1')).toBeNull();
		expect(await databaseNames()).not.toContain('some-other-database');
	});

	it('forgetFirstScreen removes the first screen and leaves the document’s updates', async () => {
		const { doc, local } = await localCopy();
		appendParagraph(doc, 'Kept edit.');
		await writeFirstScreen(local, '<p>Kept edit.</p>');
		await forgetFirstScreen(NAME);
		expect(await readFirstScreen(NAME)).toBeNull();
		await local.destroy();

		const again = await localCopy();
		expect(again.doc.getXmlFragment(DOCUMENT_FIELD).toString()).toBe('<paragraph>Kept edit.</paragraph>');
	});

	it('a first screen too large to help is not kept, and the one before it is removed', async () => {
		const { local } = await localCopy();
		await writeFirstScreen(local, '<p>Short.</p>');
		await writeFirstScreen(local, `<p>${'x'.repeat(MAX_FIRST_SCREEN_CHARS)}</p>`);
		expect(await readFirstScreen(NAME)).toBeNull();
	});
});

describe('withFirstScreen', () => {
	const page = `<main><article class="sheet"><div class="document-body first-screen" data-first-screen="${NAME}"></div></article></main>`;

	it('puts the text inside the page’s empty first-screen element', () => {
		expect(firstScreenNameIn(page)).toBe(NAME);
		// Inserted as it is: no replacement patterns ($&, $1) are read in it.
		expect(withFirstScreen(page, '<p>$& $1 text</p>')).toBe(
			`<main><article class="sheet"><div class="document-body first-screen" data-first-screen="${NAME}"><p>$& $1 text</p></div></article></main>`
		);
	});

	it('leaves a page without one as it was', () => {
		const other = '<main><h1>Clients</h1></main>';
		expect(firstScreenNameIn(other)).toBeNull();
		expect(withFirstScreen(other, '<p>text</p>')).toBe(other);
		expect(firstScreenNameIn('<div data-first-screen="not a copy"></div>')).toBeNull();
	});
});
