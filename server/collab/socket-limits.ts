import type { CollabLimits } from '../config.ts';

/** One /collab socket as the limits see it: where it came from, whether it has proven itself. */
export interface SocketSlot {
	readonly address: string;
	authenticated: boolean;
	tokens: number;
	refilledAt: number;
	released: boolean;
}

export type Admission = { slot: SocketSlot } | { refused: 'too-many-connections' | 'too-many-unauthenticated' };

/**
 * Counts /collab sockets before they are upgraded, and meters what each one sends. A slot is taken
 * when the upgrade request arrives (so parallel requests cannot all slip under the cap) and given
 * back when its TCP socket closes, whichever way it closes.
 */
export class SocketLimits {
	readonly limits: CollabLimits;
	readonly #clock: () => number;
	readonly #unauthenticated = new Map<string, number>();
	readonly #byTransport = new WeakMap<object, SocketSlot>();
	#open = 0;

	constructor(limits: CollabLimits, clock: () => number = () => Date.now()) {
		this.limits = limits;
		this.#clock = clock;
	}

	get openSockets(): number {
		return this.#open;
	}

	admit(address: string): Admission {
		if (this.#open >= this.limits.maxConnections) return { refused: 'too-many-connections' };
		const waiting = this.#unauthenticated.get(address) ?? 0;
		if (waiting >= this.limits.maxUnauthenticatedPerAddress) return { refused: 'too-many-unauthenticated' };
		this.#open += 1;
		this.#unauthenticated.set(address, waiting + 1);
		return { slot: { address, authenticated: false, tokens: this.#burst(), refilledAt: this.#clock(), released: false } };
	}

	/** Ties a slot to the transport Hocuspocus sees, so the hooks can find it in the context. */
	attach(transport: object, slot: SocketSlot): void {
		this.#byTransport.set(transport, slot);
	}

	/** The socket has authenticated a document: it no longer counts against its address. */
	authenticated(transport: object | undefined): void {
		const slot = transport ? this.#byTransport.get(transport) : undefined;
		if (!slot || slot.authenticated || slot.released) return;
		slot.authenticated = true;
		this.#leaveWaiting(slot.address);
	}

	release(slot: SocketSlot): void {
		if (slot.released) return;
		slot.released = true;
		this.#open -= 1;
		if (!slot.authenticated) this.#leaveWaiting(slot.address);
	}

	/** A token bucket per socket: the sustained rate, with five seconds' worth as a burst. */
	allowMessage(slot: SocketSlot): boolean {
		const now = this.#clock();
		const rate = this.limits.maxMessagesPerSecond;
		slot.tokens = Math.min(this.#burst(), slot.tokens + ((now - slot.refilledAt) / 1000) * rate);
		slot.refilledAt = now;
		if (slot.tokens < 1) return false;
		slot.tokens -= 1;
		return true;
	}

	#burst(): number {
		return this.limits.maxMessagesPerSecond * 5;
	}

	#leaveWaiting(address: string): void {
		const left = (this.#unauthenticated.get(address) ?? 1) - 1;
		if (left <= 0) this.#unauthenticated.delete(address);
		else this.#unauthenticated.set(address, left);
	}
}
