import type { IncomingMessage } from 'node:http';

/** Where a request's address comes from: the socket, or a header a trusted proxy sets. */
export interface AddressSource {
	/** Lower-case header name (ADDRESS_HEADER), as adapter-node reads it for getClientAddress. */
	header: string | undefined;
	/** With x-forwarded-for: which entry from the right is the client (XFF_DEPTH). */
	xffDepth: number;
}

/**
 * The client's address as SvelteKit's getClientAddress gives it (adapter-node's rules, from the
 * same settings), so /collab and the HTTP routes throttle the same address. A request without the
 * header did not come through the proxy: its socket address is the honest answer.
 */
export function clientAddress(request: IncomingMessage, source: AddressSource): string {
	const socketAddress = request.socket.remoteAddress ?? 'unknown';
	if (!source.header) return socketAddress;
	const raw = request.headers[source.header];
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (!value) return socketAddress;
	if (source.header !== 'x-forwarded-for') return value.trim();
	const addresses = value.split(',');
	return addresses[Math.max(0, addresses.length - source.xffDepth)]?.trim() || socketAddress;
}
