import { describe, expect, it } from 'vitest';
import { accountAddressKey, createSignInThrottles, FailureThrottle } from './rate-limit.ts';

function throttleWithClock(freeAttempts = 3) {
	let now = 1_000_000;
	const throttle = new FailureThrottle({
		freeAttempts,
		baseDelayMs: 1000,
		maxDelayMs: 60_000,
		forgetAfterMs: 3_600_000,
		clock: () => now
	});
	return { throttle, advance: (ms: number) => (now += ms) };
}

describe('FailureThrottle', () => {
	it('allows the free attempts, then blocks', () => {
		const { throttle } = throttleWithClock(3);
		throttle.fail('a');
		throttle.fail('a');
		expect(throttle.check('a').allowed).toBe(true);
		throttle.fail('a');
		expect(throttle.check('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
	});

	it('doubles the wait with each further failure, up to the cap', () => {
		const { throttle } = throttleWithClock(1);
		const waits: number[] = [];
		for (let i = 0; i < 9; i++) {
			throttle.fail('a');
			waits.push(throttle.check('a').retryAfterSeconds);
		}
		expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
	});

	it('opens again once the wait has passed', () => {
		const { throttle, advance } = throttleWithClock(1);
		throttle.fail('a');
		advance(999);
		expect(throttle.check('a').allowed).toBe(false);
		advance(1);
		expect(throttle.check('a').allowed).toBe(true);
	});

	it('keeps keys apart, and a success clears its key', () => {
		const { throttle } = throttleWithClock(1);
		throttle.fail('a');
		expect(throttle.check('b').allowed).toBe(true);
		throttle.succeed('a');
		expect(throttle.check('a').allowed).toBe(true);
	});

	it('forgets failures after a quiet hour', () => {
		const { throttle, advance } = throttleWithClock(2);
		throttle.fail('a');
		advance(3_600_001);
		throttle.fail('a');
		expect(throttle.check('a').allowed).toBe(true);
	});
});

describe('FailureThrottle.delayMs', () => {
	it('is nothing during the free attempts, then doubles up to the cap, and never blocks', () => {
		const { throttle } = throttleWithClock(2);
		const delays: number[] = [];
		for (let i = 0; i < 10; i++) {
			delays.push(throttle.delayMs('a'));
			throttle.fail('a');
		}
		expect(delays).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
	});
});

describe('sign-in throttles', () => {
	it('refuse an account only from the address that failed, and only slow it elsewhere', () => {
		const throttles = createSignInThrottles(() => 0);
		const stranger = accountAddressKey('tess@example.com', '203.0.113.1');
		for (let i = 0; i < 20; i++) {
			throttles.byAccountAndAddress.fail(stranger);
			throttles.byAddress.fail('203.0.113.1');
			throttles.accountSlowdown.fail('tess@example.com');
		}
		expect(throttles.byAccountAndAddress.check(stranger).allowed).toBe(false);
		expect(throttles.byAccountAndAddress.check(accountAddressKey('tess@example.com', '198.51.100.2')).allowed).toBe(true);
		expect(throttles.byAddress.check('198.51.100.2').allowed).toBe(true);
		expect(throttles.accountSlowdown.delayMs('tess@example.com')).toBe(4000);
	});
});
