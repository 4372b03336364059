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

/** Sign-in throttles: per account (guessing one password) and per address (spraying many accounts). */
export function createSignInThrottles(clock?: Clock) {
	const common = { baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, clock };
	return {
		byAccount: new FailureThrottle({ ...common, freeAttempts: 5 }),
		byAddress: new FailureThrottle({ ...common, freeAttempts: 20 })
	};
}
export type SignInThrottles = ReturnType<typeof createSignInThrottles>;
