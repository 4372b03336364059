import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

function request(headers: Record<string, string>): IncomingMessage {
	return { headers, socket: { remoteAddress: '10.0.0.9' } } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
	it('is the socket address unless a proxy header is configured and present', () => {
		expect(clientAddress(request({ 'x-real-ip': '203.0.113.5' }), { header: undefined, xffDepth: 1 })).toBe('10.0.0.9');
		expect(clientAddress(request({ 'x-real-ip': '203.0.113.5' }), { header: 'x-real-ip', xffDepth: 1 })).toBe('203.0.113.5');
		expect(clientAddress(request({}), { header: 'x-real-ip', xffDepth: 1 })).toBe('10.0.0.9');
	});

	it('counts x-forwarded-for entries from the right, as adapter-node does', () => {
		const forwarded = request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.5, 10.0.0.1' });
		expect(clientAddress(forwarded, { header: 'x-forwarded-for', xffDepth: 1 })).toBe('10.0.0.1');
		expect(clientAddress(forwarded, { header: 'x-forwarded-for', xffDepth: 2 })).toBe('203.0.113.5');
	});
});
