import { describe, expect, it } from 'vitest';
import { SocketLimits, type SocketSlot } from './socket-limits.ts';

const limits = { maxFrameBytes: 1024, maxConnections: 3, maxUnauthenticatedPerAddress: 2, maxMessagesPerSecond: 10 };

function slotOf(admission: ReturnType<SocketLimits['admit']>): SocketSlot {
	if (!('slot' in admission)) throw new Error(`refused: ${admission.refused}`);
	return admission.slot;
}

describe('SocketLimits', () => {
	it('caps unauthenticated sockets per address, and frees the place once one authenticates', () => {
		const sockets = new SocketLimits(limits);
		const transport = {};
		sockets.attach(transport, slotOf(sockets.admit('10.0.0.1')));
		slotOf(sockets.admit('10.0.0.1'));
		expect(sockets.admit('10.0.0.1')).toEqual({ refused: 'too-many-unauthenticated' });
		sockets.authenticated(transport);
		slotOf(sockets.admit('10.0.0.1'));
	});

	it('caps all sockets together, and gives a place back when a socket closes', () => {
		const sockets = new SocketLimits(limits);
		const first = slotOf(sockets.admit('10.0.0.1'));
		slotOf(sockets.admit('10.0.0.2'));
		slotOf(sockets.admit('10.0.0.3'));
		expect(sockets.admit('10.0.0.4')).toEqual({ refused: 'too-many-connections' });
		sockets.release(first);
		sockets.release(first);
		expect(sockets.openSockets).toBe(2);
		slotOf(sockets.admit('10.0.0.4'));
	});

	it('lets a burst of five seconds through, then the sustained rate', () => {
		let now = 0;
		const sockets = new SocketLimits(limits, () => now);
		const slot = slotOf(sockets.admit('10.0.0.1'));
		let allowed = 0;
		for (let i = 0; i < 100; i++) if (sockets.allowMessage(slot)) allowed += 1;
		expect(allowed).toBe(50);
		now += 1000;
		allowed = 0;
		for (let i = 0; i < 100; i++) if (sockets.allowMessage(slot)) allowed += 1;
		expect(allowed).toBe(10);
	});
});
