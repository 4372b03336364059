import type { Clock } from './session.ts';

export interface Throttle {
	allowed: boolean;
	/** Whole seconds until the next attempt is allowed (0 when allowed). */
	retryAfterSeconds: number;
}

interface Entry {
	failures: number;
	blockedUntil: number;
	lastFailure: number;
}

/**
 * Slows down repeated failures for a key (an email, an IP address): after `freeAttempts` failures
 * each further one doubles the wait, up to `maxDelayMs`. A success clears the key; a key left alone
 * for `forgetAfterMs` is forgotten. In memory on purpose: Bridgework runs as one process.
 */
export class FailureThrottle {
	readonly #entries = new Map<string, Entry>();
	readonly #clock: Clock;
	readonly #freeAttempts: number;
	readonly #baseDelayMs: number;
	readonly #maxDelayMs: number;
	readonly #forgetAfterMs: number;

	constructor(options: {
		freeAttempts: number;
		baseDelayMs: number;
		maxDelayMs: number;
		forgetAfterMs: number;
		clock?: Clock;
	}) {
		this.#freeAttempts = options.freeAttempts;
		this.#baseDelayMs = options.baseDelayMs;
		this.#maxDelayMs = options.maxDelayMs;
		this.#forgetAfterMs = options.forgetAfterMs;
		this.#clock = options.clock ?? (() => Date.now());
	}

	check(key: string): Throttle {
		const entry = this.#live(key);
		const now = this.#clock();
		if (!entry || entry.blockedUntil <= now) return { allowed: true, retryAfterSeconds: 0 };
		return { allowed: false, retryAfterSeconds: Math.ceil((entry.blockedUntil - now) / 1000) };
	}

	fail(key: string): void {
		const now = this.#clock();
		const entry = this.#live(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
		entry.failures += 1;
		entry.lastFailure = now;
		const over = entry.failures - this.#freeAttempts;
		if (over >= 0) {
			entry.blockedUntil = now + Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** over);
		}
		this.#entries.set(key, entry);
		if (this.#entries.size > 10_000) this.#sweep(now);
	}

	/**
	 * How long to hold an attempt for `key` back, for callers that slow rather than refuse: the same
	 * doubling as the block, without the block.
	 */
	delayMs(key: string): number {
		const entry = this.#live(key);
		const over = (entry?.failures ?? 0) - this.#freeAttempts;
		return over < 0 ? 0 : Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** over);
	}

	succeed(key: string): void {
		this.#entries.delete(key);
	}

	#live(key: string): Entry | undefined {
		const entry = this.#entries.get(key);
		if (entry && this.#clock() - entry.lastFailure > this.#forgetAfterMs) {
			this.#entries.delete(key);
			return undefined;
		}
		return entry;
	}

	#sweep(now: number): void {
		for (const [key, entry] of this.#entries) {
			if (now - entry.lastFailure > this.#forgetAfterMs) this.#entries.delete(key);
		}
	}
}

/**
 * Sign-in throttles. Refusals are keyed by account and address together, so a stranger typing
 * wrong passwords for a trainer's email locks out only themselves; by address alone, for one
 * address spraying many accounts. Across addresses an account is only slowed (a few seconds at
 * most, never refused): a distributed guesser is held back, and the trainer can still sign in.
 */
export function createSignInThrottles(clock?: Clock) {
	const common = { maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, clock };
	return {
		byAccountAndAddress: new FailureThrottle({ ...common, baseDelayMs: 1000, freeAttempts: 5 }),
		byAddress: new FailureThrottle({ ...common, baseDelayMs: 1000, freeAttempts: 30 }),
		accountSlowdown: new FailureThrottle({ ...common, baseDelayMs: 250, maxDelayMs: 4000, freeAttempts: 10 })
	};
}
export type SignInThrottles = ReturnType<typeof createSignInThrottles>;

export function accountAddressKey(email: string, address: string): string {
	return `${email}\n${address}`;
}
