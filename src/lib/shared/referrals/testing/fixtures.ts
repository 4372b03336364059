import type { Clock } from '../dates.ts';
import type { Env, ProviderFields } from '../types.ts';

/** A fixed clock at a local time of day, so "today" is the same date in every time zone. */
export function fixedClock(localDateTime: string): Clock & { set: (next: string) => void } {
	let now = new Date(localDateTime);
	const clock = () => new Date(now);
	return Object.assign(clock, { set: (next: string) => (now = new Date(next)) });
}

/** Sequential ids and a fixed clock: runs give the same records every time. */
export function testEnv(clock: Clock, prefix = 'id'): Env {
	let n = 0;
	return { now: clock, newId: () => `${prefix}-${String(++n).padStart(4, '0')}` };
}

export function providerFields(overrides: Partial<ProviderFields> = {}): ProviderFields {
	return {
		name: 'Dr Ana Reyes',
		role: 'physician',
		specialty: 'Orthopaedics',
		subspecialty: 'Sports medicine',
		practiceName: 'Riverside Orthopaedics',
		address: '12 River Road, Springfield',
		phone: '(555) 010-2000',
		fax: '',
		email: 'reyes@riverside.example',
		officeManagerName: 'Pat Quinn',
		officeManagerPhone: '(555) 010-2001',
		officeManagerEmail: '',
		reportPreference: 'fax',
		notes: '',
		stage: 'researching',
		...overrides
	};
}
