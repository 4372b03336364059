import { describe, expect, it } from 'vitest';
import { othersIn, presenceChange } from './presence.ts';

describe('othersIn', () => {
	it('lists each other person once, by name, and never this tab or a state without a user', () => {
		const states = new Map<number, Record<string, unknown>>([
			[1, { user: { name: 'Tess Trainer', color: '#123456' } }],
			[2, { user: { name: 'Carla Client', color: '#654321' } }],
			[3, { user: { name: 'Carla Client', color: '#654321' } }],
			[4, {}],
			[5, { user: { name: '', color: '#000000' } }]
		]);
		expect(othersIn(states, 1)).toEqual([{ name: 'Carla Client', color: '#654321' }]);
	});
});

describe('presenceChange', () => {
	const tess = { name: 'Tess Trainer', color: '#123456' };
	const carla = { name: 'Carla Client', color: '#654321' };
	const bo = { name: 'Bo Li', color: '#abcdef' };

	it('says who joined and who left in one sentence, and nothing when nobody did', () => {
		expect(presenceChange([], [carla])).toBe('Carla Client joined.');
		expect(presenceChange([carla], [tess, bo])).toBe('Tess Trainer and Bo Li joined. Carla Client left.');
		expect(presenceChange([carla, bo, tess], [])).toBe('Carla Client, Bo Li and Tess Trainer left.');
		expect(presenceChange([carla], [carla])).toBe('');
	});
});
