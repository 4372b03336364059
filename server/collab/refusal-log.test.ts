import { describe, expect, it } from 'vitest';
import { RefusalLog } from './refusal-log.ts';

describe('RefusalLog', () => {
	it('writes one line per refusal up to the limit, then one summary when the minute ends', () => {
		let now = 0;
		const lines: string[] = [];
		const log = new RefusalLog({ perMinute: 2, write: (line) => lines.push(line), clock: () => now });
		for (let i = 0; i < 50; i++) log.refused(`refused socket ${i}\nwith a second line`);
		expect(lines).toEqual(['[collab] refused socket 0 with a second line', '[collab] refused socket 1 with a second line']);
		now = 60_000;
		log.refused('later');
		expect(lines.slice(2)).toEqual(['[collab] 48 more connections refused in the last minute', '[collab] later']);
	});
});
