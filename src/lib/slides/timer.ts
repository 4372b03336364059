/**
 * The presenter's elapsed-time clock: paused time does not count, and the clock is read against a
 * time given to it rather than a clock of its own, so the page ticks it and a test drives it.
 */
export interface TalkTimer {
	/** Milliseconds counted before the current run. */
	banked: number;
	/** When the current run began; null while paused. */
	runningSince: number | null;
}

export const startedTimer = (now: number): TalkTimer => ({ banked: 0, runningSince: now });

export function elapsedMs(timer: TalkTimer, now: number): number {
	return timer.banked + (timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince));
}

export function pauseTimer(timer: TalkTimer, now: number): TalkTimer {
	return timer.runningSince === null ? timer : { banked: elapsedMs(timer, now), runningSince: null };
}

export function resumeTimer(timer: TalkTimer, now: number): TalkTimer {
	return timer.runningSince === null ? { banked: timer.banked, runningSince: now } : timer;
}

/** Back to zero, keeping whether the clock runs. */
export function resetTimer(timer: TalkTimer, now: number): TalkTimer {
	return { banked: 0, runningSince: timer.runningSince === null ? null : now };
}
