import { Window } from 'happy-dom';
import type { JSONContent } from '@tiptap/core';
import { generateJSON } from '@tiptap/html/server';
import { describe, expect, it } from 'vitest';
import { documentExtensions } from './extensions.ts';
import { cleanPastedHTML } from './paste.ts';

const window = new Window();
const parser = new window.DOMParser() as unknown as DOMParser;

// As Word for Windows puts a heading, a bulleted list with a nested item and a numbered list on the clipboard.
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>
<!--StartFragment--><h1 style="margin-top:12pt"><span lang=EN-GB>Home programme<o:p></o:p></span></h1>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]><span lang=EN-GB>Sit to stand, <b>10 times</b><o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:"Courier New";mso-list:Ignore'>o<span>&nbsp;</span></span><![endif]><span>From a high chair first</span></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]><span>Heel raises</span></p>
<p class=MsoNormal><span style='color:#C00000;font-family:Calibri'>Plain <i>text</i></span></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span><![endif]><span>Walk 10 minutes</span></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;</span></span><![endif]><span>Rest</span></p>
<!--EndFragment--></body></html>`;

const shape = (html: string): JSONContent => generateJSON(html, documentExtensions);

describe('pasting from Word', () => {
	it('turns its list paragraphs into real lists, nested by level, without the typed markers', () => {
		const json = shape(cleanPastedHTML(WORD, parser));
		const types = (json.content ?? []).map((node) => node.type);
		expect(types).toEqual(['heading', 'bulletList', 'paragraph', 'orderedList']);
		const bullets = json.content?.[1];
		expect(JSON.stringify(bullets)).toContain('Sit to stand, ');
		expect(JSON.stringify(bullets)).not.toContain('·');
		expect(bullets?.content?.[0]?.content?.[1]?.type).toBe('bulletList');
		expect(JSON.stringify(json.content?.[3])).toContain('Walk 10 minutes');
		expect(JSON.stringify(json.content?.[3])).not.toContain('1.');
	});

	it('keeps bold and italic, and drops colours, fonts and Office elements', () => {
		const html = cleanPastedHTML(WORD, parser);
		expect(html).not.toMatch(/<o:p|<style|mso-list:Ignore|StartFragment/);
		const json = JSON.stringify(shape(html));
		expect(json).toContain('"type":"bold"');
		expect(json).toContain('"type":"italic"');
		expect(json).not.toMatch(/C00000|Calibri/);
	});

	it('leaves HTML from elsewhere (Google Docs) as it is', () => {
		const docs = '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><h2>Goals</h2><ul><li><p>Stairs</p></li></ul></b>';
		expect(cleanPastedHTML(docs, parser)).toBe(docs);
	});
});
