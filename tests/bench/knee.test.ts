import { describe, expect, it } from 'vitest';
import { knee, type LoadStep } from './knee.ts';
import { percentile } from './measure.ts';

const bounds = { p99LimitMs: 250, minGain: 1.1 };
const step = (deliveredPerSecond: number, p99Ms: number): LoadStep => ({ deliveredPerSecond, p99Ms });

describe('knee', () => {
	it('is the last step before p99 passes the bound', () => {
		expect(knee([step(400, 20), step(800, 40), step(1500, 300)], bounds)).toEqual({ index: 1, reason: 'p99 over 250 ms' });
	});

	it('is the last step before deliveries per second stop rising, even with p99 within the bound', () => {
		expect(knee([step(400, 20), step(800, 40), step(850, 60)], bounds)).toEqual({ index: 1, reason: 'deliveries/s rose less than 10 %' });
	});

	it('counts lost deliveries (an infinite p99) as past the knee', () => {
		expect(knee([step(400, 20), step(300, Number.POSITIVE_INFINITY)], bounds)).toEqual({ index: 0, reason: 'deliveries lost' });
	});

	it('is -1 when the first step already fails, and the last step when none does', () => {
		expect(knee([step(400, 900)], bounds).index).toBe(-1);
		expect(knee([step(400, 20), step(800, 30)], bounds)).toEqual({ index: 1 });
	});
});

describe('percentile', () => {
	it('picks a measured value, the highest for p99 of fewer than a hundred', () => {
		const values = [5, 1, 4, 2, 3];
		expect(percentile(values, 50)).toBe(3);
		expect(percentile(values, 99)).toBe(5);
		expect(percentile([...values, Number.POSITIVE_INFINITY], 99)).toBe(Number.POSITIVE_INFINITY);
	});
});
