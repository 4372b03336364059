import { metrics } from '../metrics.ts';

/**
 * One line per refused connection, and no more than `perMinute` lines a minute: past that, the
 * refusals are counted and summed up in one line when the minute ends. Anyone can open sockets,
 * so nothing they send may decide how much the server writes to its log.
 */
export class RefusalLog {
	readonly #perMinute: number;
	readonly #write: (line: string) => void;
	readonly #clock: () => number;
	#windowStart = 0;
	#written = 0;
	#suppressed = 0;

	constructor(options: { perMinute?: number; write?: (line: string) => void; clock?: () => number } = {}) {
		this.#perMinute = options.perMinute ?? 30;
		this.#write = options.write ?? ((line) => console.warn(line));
		this.#clock = options.clock ?? (() => Date.now());
	}

	refused(line: string): void {
		metrics().connectionRefused();
		const now = this.#clock();
		if (now - this.#windowStart >= 60_000) {
			if (this.#suppressed > 0) this.#write(`[collab] ${this.#suppressed} more connections refused in the last minute`);
			this.#windowStart = now;
			this.#written = 0;
			this.#suppressed = 0;
		}
		if (this.#written < this.#perMinute) {
			this.#written += 1;
			this.#write(`[collab] ${line.replace(/[\r\n]+/g, ' ').slice(0, 300)}`);
		} else {
			this.#suppressed += 1;
		}
	}
}
