import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { AcknowledgementGate } from './acknowledgement-gate.ts';

function message(type: number, body = 1): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, 'doc:1');
	encoding.writeVarUint(encoder, type);
	encoding.writeVarUint(encoder, body);
	return encoding.toUint8Array(encoder);
}

const SYNC = 0;
const SYNC_STATUS = 8;

function deferred() {
	let resolve!: () => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<void>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AcknowledgementGate', () => {
	it('sends acknowledgements at once while no write is pending', () => {
		const gate = new AcknowledgementGate();
		const sent: string[] = [];
		gate.send(message(SYNC_STATUS), () => sent.push('ack'));
		expect(sent).toEqual(['ack']);
	});

	it('holds acknowledgements until the write is stored, letting relayed updates pass', async () => {
		const gate = new AcknowledgementGate();
		const write = deferred();
		const sent: string[] = [];
		gate.hold(write.promise);
		gate.send(message(SYNC), () => sent.push('relayed update'));
		gate.send(message(SYNC_STATUS, 1), () => sent.push('ack 1'));
		gate.send(message(SYNC_STATUS, 2), () => sent.push('ack 2'));
		await settle();
		expect(sent).toEqual(['relayed update']);
		write.resolve();
		await settle();
		expect(sent).toEqual(['relayed update', 'ack 1', 'ack 2']);
	});

	it('never acknowledges again once a write was refused', async () => {
		const gate = new AcknowledgementGate();
		const refused = deferred();
		const later = deferred();
		const sent: string[] = [];
		gate.hold(refused.promise);
		gate.send(message(SYNC_STATUS), () => sent.push('ack of the refused write'));
		gate.hold(later.promise);
		later.resolve();
		refused.reject(new Error('SQLITE_FULL'));
		await settle();
		gate.send(message(SYNC_STATUS), () => sent.push('ack of a later write'));
		await settle();
		expect(sent).toEqual([]);
	});
});
