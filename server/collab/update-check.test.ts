import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateProblem } from './update-check.ts';

function paragraphDoc(text: string): Y.Doc {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment('default').insert(0, [paragraph]);
	return doc;
}

/** The update a peer holding `server`'s state would send after `edit`. */
function editOf(server: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
	const peer = new Y.Doc();
	Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(peer);
	edit(peer);
	return Y.encodeStateAsUpdate(peer, before);
}

const schema = { schema: true };

describe('updateProblem', () => {
	it('passes what an editor writes, and leaves the document untouched', () => {
		const server = paragraphDoc('Resting heart rate 64 bpm.');
		const update = editOf(server, (doc) => {
			const text = (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
			text.insert(0, 'Today: ', { bold: {} });
			const heading = new Y.XmlElement('heading');
			heading.setAttribute('level', 2 as unknown as string);
			heading.insert(0, [new Y.XmlText('Plan')]);
			doc.getXmlFragment('default').insert(1, [heading]);
			doc.getArray('measurements').push([new Y.Map()]);
		});
		expect(updateProblem(server, update, schema)).toBeNull();
		expect(server.getXmlFragment('default').length).toBe(1);
	});

	it('refuses a node, a mark or an attribute the schema does not know', () => {
		const server = paragraphDoc('Plan');
		const script = editOf(server, (doc) => doc.getXmlFragment('default').insert(0, [new Y.XmlElement('script')]));
		expect(updateProblem(server, script, schema)).toBe('not in the document schema: node "script"');
		const mark = editOf(server, (doc) => ((doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { blink: {} }));
		expect(updateProblem(server, mark, schema)).toMatch(/mark "blink"/);
		const attribute = editOf(server, (doc) => (doc.getXmlFragment('default').get(0) as Y.XmlElement).setAttribute('onclick', 'alert(1)'));
		expect(updateProblem(server, attribute, schema)).toMatch(/attribute "onclick" on paragraph/);
		const root = editOf(server, (doc) => doc.getMap('anything').set('a', 1));
		expect(updateProblem(server, root, schema)).toBe('unknown top-level type "anything"');
	});

	it('refuses nesting past what anyone writes, however it arrives', () => {
		const server = paragraphDoc('Plan');
		let parent: Y.XmlElement | Y.XmlFragment = server.getXmlFragment('default');
		for (let depth = 0; depth < 60; depth++) {
			const update = editOf(server, (doc) => {
				let at: Y.XmlElement | Y.XmlFragment = doc.getXmlFragment('default');
				for (let i = 0; i < depth; i++) at = at.get(at.length - 1) as Y.XmlElement;
				at.insert(at.length, [new Y.XmlElement('blockquote')]);
			});
			const problem = updateProblem(server, update, schema);
			if (problem) {
				expect(problem).toMatch(/nesting deeper than/);
				expect(depth).toBeGreaterThan(40);
				return;
			}
			Y.applyUpdate(server, update);
			parent = parent.get(parent.length - 1) as Y.XmlElement;
		}
		throw new Error('sixty levels of nesting were accepted');
	});

	it('refuses unreadable bytes and updates that depend on changes the server never had', () => {
		const server = paragraphDoc('Plan');
		expect(updateProblem(server, new Uint8Array([1, 2, 3, 4, 5]), schema)).toBe('unreadable update');
		const elsewhere = new Y.Doc();
		elsewhere.getText('default').insert(0, 'first');
		const before = Y.encodeStateVector(elsewhere);
		elsewhere.getText('default').insert(5, ' second');
		const dangling = Y.encodeStateAsUpdate(elsewhere, before);
		expect(updateProblem(server, dangling, schema)).toBe('depends on changes the server does not have');
	});

	it('refuses typing that continues keystrokes the server never received', () => {
		const server = paragraphDoc('Plan');
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));
		const text = (peer.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
		text.insert(4, 'a');
		const before = Y.encodeStateVector(peer);
		text.insert(5, 'b');
		expect(updateProblem(server, Y.encodeStateAsUpdate(peer, before), schema)).toBe('depends on changes the server does not have');
		expect(updateProblem(server, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server)), schema)).toBeNull();
	});

	it('does not blame an editor for what the document already held', () => {
		const server = paragraphDoc('Plan');
		server.getXmlFragment('default').insert(0, [new Y.XmlElement('script')]);
		const update = editOf(server, (doc) => ((doc.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(4, '!'));
		expect(updateProblem(server, update, schema)).toBeNull();
	});

	it('checks only readability and dependencies where there is no document schema (a practice)', () => {
		const server = new Y.Doc();
		const update = editOf(server, (doc) => doc.getMap('providers').set('p1', new Y.Map()));
		expect(updateProblem(server, update, { schema: false })).toBeNull();
	});
});
