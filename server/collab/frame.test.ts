import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frameProblem } from './frame.ts';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, 'doc:abc');
	write(encoder);
	return encoding.toUint8Array(encoder);
}

describe('frameProblem', () => {
	it('passes what a provider sends', () => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'hello');
		const syncStep1 = frame((e) => {
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
		});
		const update = frame((e) => {
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 2);
			encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
		});
		const auth = frame((e) => {
			encoding.writeVarUint(e, 2);
			encoding.writeVarUint(e, 0);
			encoding.writeVarString(e, 'share:abc');
			encoding.writeVarString(e, '4.0.0');
		});
		const awareness = frame((e) => {
			const payload = encoding.createEncoder();
			encoding.writeVarUint(payload, 1);
			encoding.writeVarUint(payload, 42);
			encoding.writeVarUint(payload, 1);
			encoding.writeVarString(payload, JSON.stringify({ user: { name: 'Tess' } }));
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, encoding.toUint8Array(payload));
		});
		for (const ok of [syncStep1, update, auth, awareness, frame((e) => encoding.writeVarUint(e, 3))]) expect(frameProblem(ok)).toBeNull();
	});

	it('names what it cannot read', () => {
		expect(frameProblem(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))).toBe('unreadable frame');
		expect(frameProblem(frame((e) => encoding.writeVarUint(e, 6)))).toBe('message type 6');
		expect(frameProblem(frame((e) => encoding.writeVarUint(e, 0)))).toBe('unreadable frame');
		const badAwareness = frame((e) => {
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, new Uint8Array([1, 1, 1, 3, 0x7b, 0x7b, 0x7b]));
		});
		expect(frameProblem(badAwareness)).toBe('unreadable frame');
		expect(frameProblem(frame((e) => encoding.writeVarUint(e, 3)).slice(0, 3))).toBe('unreadable frame');
	});
});
