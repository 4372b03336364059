// Timing and reporting shared by the benchmarks. Figures are medians, and what matters is the
// ratio to a baseline measured in the same process a moment before: absolute times on a shared
// two-core machine say little, the ratio says what our code adds on top of the library it wraps.
import v8 from 'node:v8';
import vm from 'node:vm';

export function median(values: number[]): number {
	if (values.length === 0) throw new Error('median of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p-th percentile (0 to 100) of `values`: one of the values measured, never one interpolated between two. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) throw new Error('percentile of no values');
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `fn` once and returns the milliseconds it took. */
export function timed(fn: () => void): number {
	const start = performance.now();
	fn();
	return performance.now() - start;
}

export interface Comparison {
	baselineMs: number;
	measuredMs: number;
}

/**
 * Runs baseline and measured alternately (so that drift in the machine's load hits both alike),
 * discards the warm-up rounds, and returns the median time of each. Each callback does its own
 * setup and returns the time of the part it measures.
 */
export function compare(baseline: () => number, measured: () => number, { warmup = 2, runs = 7 } = {}): Comparison {
	const baselineTimes: number[] = [];
	const measuredTimes: number[] = [];
	for (let round = 0; round < warmup + runs; round++) {
		const b = baseline();
		const m = measured();
		if (round >= warmup) {
			baselineTimes.push(b);
			measuredTimes.push(m);
		}
	}
	return { baselineMs: median(baselineTimes), measuredMs: median(measuredTimes) };
}

/** compare() for measurements that await (a database read): the same alternation and medians. */
export async function compareAsync(
	baseline: () => number | Promise<number>,
	measured: () => Promise<number>,
	{ warmup = 2, runs = 7 } = {}
): Promise<Comparison> {
	const baselineTimes: number[] = [];
	const measuredTimes: number[] = [];
	for (let round = 0; round < warmup + runs; round++) {
		const b = await baseline();
		const m = await measured();
		if (round >= warmup) {
			baselineTimes.push(b);
			measuredTimes.push(m);
		}
	}
	return { baselineMs: median(baselineTimes), measuredMs: median(measuredTimes) };
}

let collect: (() => void) | undefined;

/**
 * A full garbage collection, without asking whoever starts `npm run bench` for --expose-gc: the
 * flag can be set at run time, and a new context then sees the `gc` function. It first lets the
 * current job end: V8 keeps some objects of a running job alive until then, so a collection in the
 * middle of synchronous code can leave unreachable documents counted.
 */
export async function collectGarbage(): Promise<void> {
	if (!collect) {
		v8.setFlagsFromString('--expose-gc');
		collect = vm.runInNewContext('gc') as () => void;
	}
	await new Promise((resolve) => setImmediate(resolve));
	collect();
	collect();
}

export function formatRate(count: number, ms: number): string {
	return `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;
}

export function formatMs(ms: number): string {
	return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${bytes} B`;
}

export type Row = Record<string, string>;

/** A plain-text table: every column as wide as its widest cell. */
export function table(rows: Row[]): string {
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	const width = (column: string) => Math.max(column.length, ...rows.map((row) => (row[column] ?? '').length));
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => cell.padEnd(width(columns[i]!)))
			.join('  ')
			.trimEnd();
	return [line(columns), line(columns.map((column) => '-'.repeat(width(column)))), ...rows.map((row) => line(columns.map((column) => row[column] ?? '')))].join(
		'\n'
	);
}
