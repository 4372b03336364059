// Where a server stops keeping up as the load rises: the last step of a rising load that it still
// served, by two signs either of which is enough. Its slowest deliveries (p99) pass a bound people
// would notice, or what it delivers per second no longer rises with what it is offered.

export interface LoadStep {
	/** Updates delivered to clients per second at this step. */
	deliveredPerSecond: number;
	/** The 99th percentile of edit-to-peer latency; Infinity when more than 1 % never arrived. */
	p99Ms: number;
}

export interface Knee {
	/** The index of the last step served, or -1 when even the first was not. */
	index: number;
	/** Why the step after it was not served; undefined when every step was. */
	reason?: string;
}

export interface KneeBounds {
	p99LimitMs: number;
	/** Each step offers more than the last: a delivery rate short of this factor over the last one has stopped rising. */
	minGain: number;
}

/** Why `step` shows a server past its knee, or undefined while it keeps up. */
export function pastKnee(step: LoadStep, previous: LoadStep | undefined, { p99LimitMs, minGain }: KneeBounds): string | undefined {
	if (!(step.p99Ms <= p99LimitMs)) return Number.isFinite(step.p99Ms) ? `p99 over ${p99LimitMs} ms` : 'deliveries lost';
	if (previous && step.deliveredPerSecond < previous.deliveredPerSecond * minGain) return `deliveries/s rose less than ${Math.round((minGain - 1) * 100)} %`;
	return undefined;
}

export function knee(steps: LoadStep[], bounds: KneeBounds): Knee {
	for (const [index, step] of steps.entries()) {
		const reason = pastKnee(step, steps[index - 1], bounds);
		if (reason) return { index: index - 1, reason };
	}
	return { index: steps.length - 1 };
}
