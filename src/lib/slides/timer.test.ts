import { describe, expect, it } from 'vitest';
import { elapsedMs, pauseTimer, resetTimer, resumeTimer, startedTimer } from './timer.ts';

describe('the talk timer', () => {
	it('counts from its start, and not while paused', () => {
		let timer = startedTimer(1_000);
		expect(elapsedMs(timer, 61_000)).toBe(60_000);
		timer = pauseTimer(timer, 61_000);
		expect(elapsedMs(timer, 500_000)).toBe(60_000);
		timer = resumeTimer(timer, 500_000);
		expect(elapsedMs(timer, 530_000)).toBe(90_000);
	});

	it('resets to zero and keeps running or paused as it was', () => {
		const running = resetTimer(startedTimer(0), 10_000);
		expect(elapsedMs(running, 15_000)).toBe(5_000);
		const paused = resetTimer(pauseTimer(startedTimer(0), 10_000), 20_000);
		expect(elapsedMs(paused, 90_000)).toBe(0);
		expect(paused.runningSince).toBeNull();
	});

	it('ignores a second pause or resume, and never counts backwards', () => {
		const paused = pauseTimer(startedTimer(0), 5_000);
		expect(pauseTimer(paused, 9_000)).toBe(paused);
		const running = startedTimer(0);
		expect(resumeTimer(running, 9_000)).toBe(running);
		expect(elapsedMs(startedTimer(10_000), 9_000)).toBe(0);
	});
});
