import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';

export interface Throttle {
	allowed: boolean;
	/** Whole seconds until the next attempt is allowed (0 when allowed). */
	retryAfterSeconds: number;
}

/**
 * Where throttles count. Without one, in this process's memory; with a Redis, there, so that every
 * instance behind a load balancer sees the same failures and a guesser gains nothing by being
 * spread across them.
 */
export interface ThrottleStore {
	redis: Redis;
	/** The deployment's prefix (REDIS_KEY_PREFIX), so that several can share one Redis. */
	keyPrefix: string;
}

export interface FailureThrottleOptions {
	/** Names the throttle's keys in a shared store. */
	name: string;
	freeAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	forgetAfterMs: number;
	store?: ThrottleStore;
}

/**
 * A rate-limiter-flexible limiter in the store. In Redis, with a memory limiter as its insurance:
 * while Redis is unreachable each instance goes on throttling by itself (a guesser spread over N
 * instances gets N times the attempts for that while), rather than letting every attempt through
 * or refusing every sign-in.
 */
function limiter(store: ThrottleStore | undefined, keyPrefix: string, durationSeconds: number): RateLimiterAbstract {
	// Points are not used: the throttle reads the counts and sets the blocks itself.
	const memory = new RateLimiterMemory({ points: 1, duration: durationSeconds });
	if (!store) return memory;
	return new RateLimiterRedis({
		storeClient: store.redis,
		keyPrefix: `${store.keyPrefix}throttle:${keyPrefix}`,
		points: 1,
		duration: durationSeconds,
		// Straight to the insurance while disconnected, rather than after a timeout per call.
		rejectIfRedisNotReady: true,
		insuranceLimiter: memory
	});
}

function live(res: RateLimiterRes | null): RateLimiterRes | null {
	// A memory record outlives its expiry until its timer runs; Redis never returns one.
	return res && res.msBeforeNext > 0 ? res : null;
}

/**
 * Slows down repeated failures for a key (an email, an IP address): after `freeAttempts` failures
 * each further one doubles the wait, up to `maxDelayMs`. A success clears the key; a key left alone
 * for `forgetAfterMs` is forgotten.
 *
 * Built of two rate-limiter-flexible limiters: one counts failures, the other holds the blocks, for
 * a time computed from the count. Waits are whole seconds, as Redis expires keys by the second.
 */
export class FailureThrottle {
	readonly #failures: RateLimiterAbstract;
	readonly #blocks: RateLimiterAbstract;
	readonly #freeAttempts: number;
	readonly #baseDelayMs: number;
	readonly #maxDelayMs: number;
	readonly #forgetAfterSeconds: number;

	constructor(options: FailureThrottleOptions) {
		this.#freeAttempts = options.freeAttempts;
		this.#baseDelayMs = options.baseDelayMs;
		this.#maxDelayMs = options.maxDelayMs;
		this.#forgetAfterSeconds = Math.ceil(options.forgetAfterMs / 1000);
		this.#failures = limiter(options.store, `${options.name}:failures`, this.#forgetAfterSeconds);
		this.#blocks = limiter(options.store, `${options.name}:blocked`, Math.ceil(options.maxDelayMs / 1000));
	}

	async check(key: string): Promise<Throttle> {
		const blocked = live(await this.#blocks.get(key));
		if (!blocked) return { allowed: true, retryAfterSeconds: 0 };
		return { allowed: false, retryAfterSeconds: Math.ceil(blocked.msBeforeNext / 1000) };
	}

	async fail(key: string): Promise<void> {
		const { consumedPoints: failures } = await this.#failures.penalty(key);
		// A counter's window runs from its first failure; setting it again restarts it, so only a
		// quiet spell forgets. Two instances failing the same key at once may count one failure
		// fewer here; the blocks each of them sets below still stand.
		await this.#failures.set(key, failures, this.#forgetAfterSeconds);
		const waitMs = this.#waitMs(failures);
		if (waitMs > 0) await this.#blocks.block(key, Math.max(1, Math.ceil(waitMs / 1000)));
	}

	/**
	 * How long to hold an attempt for `key` back, for callers that slow rather than refuse: the same
	 * doubling as the block, without the block.
	 */
	async delayMs(key: string): Promise<number> {
		return this.#waitMs(live(await this.#failures.get(key))?.consumedPoints ?? 0);
	}

	async succeed(key: string): Promise<void> {
		await Promise.all([this.#failures.delete(key), this.#blocks.delete(key)]);
	}

	#waitMs(failures: number): number {
		const over = failures - this.#freeAttempts;
		return over < 0 ? 0 : Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** over);
	}
}

/**
 * Sign-in throttles. Refusals are keyed by account and address together, so a stranger typing
 * wrong passwords for a trainer's email locks out only themselves; by address alone, for one
 * address spraying many accounts. Across addresses an account is only slowed (a few seconds at
 * most, never refused): a distributed guesser is held back, and the trainer can still sign in.
 */
export function createSignInThrottles(store?: ThrottleStore) {
	const common = { maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, store };
	return {
		byAccountAndAddress: new FailureThrottle({ ...common, name: 'signin-account-address', baseDelayMs: 1000, freeAttempts: 5 }),
		byAddress: new FailureThrottle({ ...common, name: 'signin-address', baseDelayMs: 1000, freeAttempts: 30 }),
		accountSlowdown: new FailureThrottle({ ...common, name: 'signin-account', baseDelayMs: 250, maxDelayMs: 4000, freeAttempts: 10 })
	};
}
export type SignInThrottles = ReturnType<typeof createSignInThrottles>;

/** Bad share tokens per address, over HTTP and /collab alike: guessing links is slowed like guessing passwords. */
export function createShareThrottle(store?: ThrottleStore): FailureThrottle {
	return new FailureThrottle({ name: 'share-address', freeAttempts: 10, baseDelayMs: 2000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, store });
}

export const REPLIES_PER_WINDOW = 5;
export const REPLY_WINDOW_MS = 10 * 60_000;

/**
 * Provider messages per share link: 5 in 10 minutes, then none until 10 minutes have passed. Every
 * message counts as an attempt (the throttle's "failure"), so a quiet spell of 10 minutes forgets
 * them; a leaked link cannot flood the trainer's inbox or the thread.
 */
export function createReplyThrottle(store?: ThrottleStore): FailureThrottle {
	return new FailureThrottle({
		name: 'share-reply-link',
		freeAttempts: REPLIES_PER_WINDOW,
		baseDelayMs: REPLY_WINDOW_MS,
		maxDelayMs: REPLY_WINDOW_MS,
		forgetAfterMs: REPLY_WINDOW_MS,
		store
	});
}

export function accountAddressKey(email: string, address: string): string {
	return `${email}\n${address}`;
}
