import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountAddressKey, createSignInThrottles, FailureThrottle } from './rate-limit.ts';

// rate-limiter-flexible's memory store reads Date.now and expires keys with timers: faking both
// is its clock.
beforeEach(() => {
	vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
	vi.useRealTimers();
});

function throttleWithClock(freeAttempts = 3) {
	const throttle = new FailureThrottle({ name: 'test', freeAttempts, baseDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 });
	return { throttle, advance: (ms: number) => vi.advanceTimersByTime(ms) };
}

describe('FailureThrottle', () => {
	it('allows the free attempts, then blocks', async () => {
		const { throttle } = throttleWithClock(3);
		await throttle.fail('a');
		await throttle.fail('a');
		expect((await throttle.check('a')).allowed).toBe(true);
		await throttle.fail('a');
		expect(await throttle.check('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
	});

	it('doubles the wait with each further failure, up to the cap', async () => {
		const { throttle } = throttleWithClock(1);
		const waits: number[] = [];
		for (let i = 0; i < 9; i++) {
			await throttle.fail('a');
			waits.push((await throttle.check('a')).retryAfterSeconds);
		}
		expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
	});

	it('opens again once the wait has passed', async () => {
		const { throttle, advance } = throttleWithClock(1);
		await throttle.fail('a');
		advance(999);
		expect((await throttle.check('a')).allowed).toBe(false);
		advance(1);
		expect((await throttle.check('a')).allowed).toBe(true);
	});

	it('keeps keys apart, and a success clears its key', async () => {
		const { throttle } = throttleWithClock(1);
		await throttle.fail('a');
		expect((await throttle.check('b')).allowed).toBe(true);
		await throttle.succeed('a');
		expect((await throttle.check('a')).allowed).toBe(true);
	});

	it('forgets failures after a quiet hour', async () => {
		const { throttle, advance } = throttleWithClock(2);
		await throttle.fail('a');
		advance(3_600_001);
		await throttle.fail('a');
		expect((await throttle.check('a')).allowed).toBe(true);
	});

	it('forgets only after a quiet hour: failures that keep coming keep counting', async () => {
		const { throttle, advance } = throttleWithClock(3);
		await throttle.fail('a');
		advance(50 * 60_000);
		await throttle.fail('a');
		advance(50 * 60_000);
		await throttle.fail('a');
		expect((await throttle.check('a')).allowed).toBe(false);
	});
});

describe('FailureThrottle.delayMs', () => {
	it('is nothing during the free attempts, then doubles up to the cap, and never blocks', async () => {
		const { throttle } = throttleWithClock(2);
		const delays: number[] = [];
		for (let i = 0; i < 10; i++) {
			delays.push(await throttle.delayMs('a'));
			await throttle.fail('a');
		}
		expect(delays).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
	});
});

describe('sign-in throttles', () => {
	it('refuse an account only from the address that failed, and only slow it elsewhere', async () => {
		const throttles = createSignInThrottles();
		const stranger = accountAddressKey('tess@example.com', '203.0.113.1');
		for (let i = 0; i < 20; i++) {
			await throttles.byAccountAndAddress.fail(stranger);
			await throttles.byAddress.fail('203.0.113.1');
			await throttles.accountSlowdown.fail('tess@example.com');
		}
		expect((await throttles.byAccountAndAddress.check(stranger)).allowed).toBe(false);
		expect((await throttles.byAccountAndAddress.check(accountAddressKey('tess@example.com', '198.51.100.2'))).allowed).toBe(true);
		expect((await throttles.byAddress.check('198.51.100.2')).allowed).toBe(true);
		expect(await throttles.accountSlowdown.delayMs('tess@example.com')).toBe(4000);
	});
});
