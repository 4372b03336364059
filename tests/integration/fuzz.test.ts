import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentContent } from '../../src/lib/shared/editor/document-content.ts';
import { sharedReport } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, within } from './helpers/collab.ts';
import { frame, RawSocket, syncFrame } from './helpers/raw-socket.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { storedDocument } from './helpers/stored.ts';

const FRAMES = 400;
const SEED = 0x5eed_10;

/** mulberry32: a small seeded generator, so a failure can be replayed frame for frame. */
function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (below: number) => Math.floor(next() * below);
	return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]!, bytes: (length: number) => Uint8Array.from({ length }, () => int(256)) };
}

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

describe('fuzzing /collab with malformed and mutated frames', () => {
	it(`stays up, stores nothing invalid and still renders after ${FRAMES} frames`, { timeout: 180_000 }, async () => {
		const rng = random(SEED);
		const { trainer, documentId, token, text } = await sharedReport(server);
		const name = documentName(documentId);
		const editor = connectPeer(server, name, trainer.token);
		await within(editor.synced, 10_000, 'the editor to sync');
		appendParagraph(editor, text);
		await allSaved(editor);
		editor.destroy();

		// What the server holds, as far as the fuzzer knows: valid edits are made against it.
		const mirror = await storedDocument(server, documentId);
		const edit = (change: (doc: Y.Doc) => void): Uint8Array => {
			const peer = new Y.Doc();
			Y.applyUpdate(peer, Y.encodeStateAsUpdate(mirror));
			const before = Y.encodeStateVector(peer);
			change(peer);
			return Y.encodeStateAsUpdate(peer, before);
		};
		let validCount = 0;
		const validParagraph = () => {
			const line = `Fuzz-safe line ${validCount++}.`;
			return {
				line,
				update: edit((doc) => {
					const paragraph = new Y.XmlElement('paragraph');
					paragraph.insert(0, [new Y.XmlText(line)]);
					doc.getXmlFragment('default').insert(doc.getXmlFragment('default').length, [paragraph]);
				})
			};
		};
		const foreign = () =>
			edit((doc) => {
				const fragment = doc.getXmlFragment('default');
				const choice = rng.int(4);
				if (choice === 0) fragment.insert(0, [new Y.XmlElement(rng.pick(['script', 'iframe', 'img', 'style', 'div', 'object']))]);
				else if (choice === 1) (fragment.get(0) as Y.XmlElement).setAttribute(rng.pick(['onclick', 'style', 'src', 'href']), 'javascript:alert(1)');
				else if (choice === 2) {
					const marked = new Y.XmlText();
					marked.insert(0, 'marked', { [rng.pick(['blink', 'script', 'onmouseover', 'font'])]: { x: 1 } });
					const paragraph = new Y.XmlElement('paragraph');
					paragraph.insert(0, [marked]);
					fragment.insert(0, [paragraph]);
				} else doc.getMap(rng.pick(['__proto__x', 'secrets', 'default2'])).set('k', 'v');
			});
		const orphan = () => {
			const peer = new Y.Doc();
			Y.applyUpdate(peer, Y.encodeStateAsUpdate(mirror));
			const paragraph = new Y.XmlElement('paragraph');
			peer.getXmlFragment('default').insert(0, [paragraph]);
			const before = Y.encodeStateVector(peer);
			paragraph.insert(0, [new Y.XmlText('orphan')]);
			return Y.encodeStateAsUpdate(peer, before);
		};
		const mutate = (bytes: Uint8Array) => {
			const copy = bytes.slice();
			for (let flips = 1 + rng.int(3); flips > 0; flips--) copy[rng.int(copy.length)] = rng.int(256);
			return copy;
		};

		type Outcome = 'answered' | 'document closed' | 'socket closed';
		const outcomes: Record<Outcome, number> = { answered: 0, 'document closed': 0, 'socket closed': 0 };
		const kinds: Record<string, number> = {};
		const accepted: string[] = [];

		let socket: RawSocket | undefined;
		const connect = async () => {
			socket?.close();
			await socket?.closed;
			socket = await RawSocket.open(server);
			const answer = await socket.authenticate(name, trainer.token);
			if (!('authenticated' in answer)) throw new Error(`could not authenticate: ${JSON.stringify(answer)}`);
		};
		/** After a frame, a sync step 1 probe: its answer means the document connection lived through it. */
		const outcomeOf = async (sent: RawSocket, from: number): Promise<Outcome> => {
			sent.send(syncFrame(name, 0, Y.encodeStateVector(new Y.Doc())));
			const deadline = Date.now() + 10_000;
			for (let seen = from; ;) {
				for (; seen < sent.received.length; seen++) {
					const decoder = decoding.createDecoder(sent.received[seen]!);
					decoding.readVarString(decoder);
					const type = decoding.readVarUint(decoder);
					if (type === 7) return 'document closed';
					if (type === 0 && decoding.readVarUint(decoder) === 1) return 'answered';
				}
				if (!sent.isOpen) return 'socket closed';
				if (Date.now() > deadline) throw new Error('no answer to the probe');
				await Promise.race([sent.closed, new Promise((resolve) => setTimeout(resolve, 10))]);
			}
		};

		const logStart = server.output().length;
		await connect();
		for (let i = 0; i < FRAMES; i++) {
			const kind = rng.pick([
				'random bytes',
				'random type',
				'random update',
				'random sync step 2',
				'mutated update',
				'truncated update',
				'foreign content',
				'orphan update',
				'broken awareness',
				'valid paragraph'
			] as const);
			let data: Uint8Array;
			let line: string | undefined;
			if (kind === 'random bytes') data = rng.bytes(1 + rng.int(40));
			else if (kind === 'random type')
				data = frame(name, (e) => {
					encoding.writeVarUint(e, rng.int(20));
					encoding.writeUint8Array(e, rng.bytes(rng.int(12)));
				});
			else if (kind === 'random update') data = syncFrame(name, 2, rng.bytes(1 + rng.int(60)));
			else if (kind === 'random sync step 2') data = syncFrame(name, 1, rng.bytes(1 + rng.int(60)));
			else if (kind === 'mutated update') data = syncFrame(name, 2, mutate(validParagraph().update));
			else if (kind === 'truncated update') {
				const update = validParagraph().update;
				data = syncFrame(name, 2, update.slice(0, 1 + rng.int(update.length - 1)));
			} else if (kind === 'foreign content') data = syncFrame(name, rng.pick([1, 2]), foreign());
			else if (kind === 'orphan update') data = syncFrame(name, 2, orphan());
			else if (kind === 'broken awareness')
				data = frame(name, (e) => {
					encoding.writeVarUint(e, 1);
					encoding.writeVarUint8Array(e, Uint8Array.from([1, rng.int(200), 1, 4, 0x7b, 0x22, 0x61, 0x3a]));
				});
			else {
				const valid = validParagraph();
				data = syncFrame(name, 2, valid.update);
				line = valid.line;
			}
			kinds[kind] = (kinds[kind] ?? 0) + 1;
			const current = socket!;
			const from = current.received.length;
			current.send(data);
			const outcome = await outcomeOf(current, from);
			outcomes[outcome] += 1;
			if (line !== undefined) {
				expect(outcome).toBe('answered');
				accepted.push(line);
			}
			// Whatever the server took, the fuzzer's picture of the document follows the store.
			if (outcome === 'answered') Y.applyUpdate(mirror, Y.encodeStateAsUpdate(await storedDocument(server, documentId)));
			else await connect();
		}
		socket?.close();

		console.info(`fuzz: ${FRAMES} frames (${JSON.stringify(kinds)}) → ${JSON.stringify(outcomes)}`);
		expect(server.process.exitCode).toBeNull();
		expect(outcomes['document closed'] + outcomes['socket closed']).toBeGreaterThan(FRAMES / 2);

		const stored = await storedDocument(server, documentId);
		expect(stored.store.pendingStructs).toBeNull();
		expect(stored.store.pendingDs).toBeNull();
		expect(readDocumentContent(stored.getXmlFragment('default')).foreign).toEqual([]);
		expect([...stored.share.keys()].every((key) => ['default', 'measurements', 'customMeasures', 'measureSettings'].includes(key))).toBe(true);

		const page = await fetch(`${server.url}/s/${token}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(text);
		for (const line of accepted) expect(html).toContain(line);
		expect((await fetch(`${server.url}/s/${token}/pdf`)).status).toBe(200);
		expect(server.output()).not.toMatch(/\n\s+at /);
		// One line per refusal at most: the refused document connection's, or the closed socket's.
		// HTTP requests are logged too (one line each, msg "request"); the refusals are the rest.
		const lines = server
			.output()
			.slice(logStart)
			.trim()
			.split('\n')
			.filter((line) => (JSON.parse(line) as { msg: string }).msg !== 'request');
		expect(lines.length).toBeLessThanOrEqual(outcomes['document closed'] + outcomes['socket closed']);
	});
});
